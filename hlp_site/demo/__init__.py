"""The demo site: content for development, review and the tests, and the bench site.

Owns the demo content (`content/`: the site's pages as YAML files with the reader that
turns their bodies into StreamField data, the 2018 review article, the drawn placeholder
images), the `load_demo_content` command that builds or restores it,
`ensure_dev_superuser` for `make run`, and the benchmark tools `build_bench_site` and
`count_page_queries`. Nothing in the running site imports it; it may import every other
app (core, programmes, news, publishing), since it builds their pages.
"""
