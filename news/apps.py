from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    # The package is `news` (what it holds: "News, blogs & videos"), but the app label stays
    # "blog": the label names the database tables (blog_articlepage...), the content types
    # and permissions, the recorded migrations (and other apps' dependencies on them), the
    # default template folder (templates/blog/) and the API's public type names
    # (`type=blog.ArticlePage`). Changing it would mean renaming all of those for no gain.
    label = "blog"
    verbose_name = "News, blogs, videos and resources"
