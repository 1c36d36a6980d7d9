"""Which pages the site has and what they say: the site's data derived from the register, page specs,
URLs, and the rendering of templates into Markdown, JavaScript, JSON, CSV and iCalendar."""
