// Pa11y drives Debian's Chromium (CHROME_PATH): never download a browser of its own.
module.exports = { skipDownload: true };
