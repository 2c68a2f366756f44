from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple(
        (
            glob,
            tuple(
                rule
                for rule in rules
                if "sourceMappingURL" not in (rule if isinstance(rule, str) else rule[0])
            ),
        )
        for glob, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Compressed, fingerprinted static files, leaving sourceMappingURL comments alone:
    wagtail-nhsuk-frontend's CSS and JS name .map files the package does not ship."""

    # Rewrite `import ... from "x.js"` in our modules to the fingerprinted names.
    support_js_module_import_aggregation = True
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
