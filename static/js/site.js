// Starts NHS.UK frontend's components (header menu, error summary, skip link...).
// A module file rather than inline script, so a strict Content-Security-Policy holds.
import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
