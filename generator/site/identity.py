"""The publisher's identity on the site (site_config/site.yaml, `identity`): a small style sheet giving the
theme its colours, and where its logo is published. The MkDocs plugin links both from every page."""

from __future__ import annotations

from generator.register.colours import darker
from generator.register.site_config import Identity
from generator.site import urls
from generator.site.render import PageSpec
from generator.site.sitedata import SiteData

#: the style sheet of the identity's colours
STYLE_SHEET = urls.asset("registre/identite.css")


def logo_path(identity: Identity) -> str | None:
    """Where the logo is published, under the name of its kind: `assets/registre/logo.svg`."""
    return urls.asset(f"registre/logo.{identity.logo_extension}") if identity.logo else None


def identity_css(identity: Identity) -> str | None:
    """Material's colour properties set to the identity's colours (the validated `#RRGGBB` of site.yaml);
    None when it sets no colour. Set on the elements Material gives its palette to, after its own rules."""
    properties = []
    if identity.primary_colour:
        primary = identity.primary_colour
        properties += [
            f"--md-primary-fg-color: {primary};",
            f"--md-primary-fg-color--light: {primary};",
            f"--md-primary-fg-color--dark: {darker(primary)};",
            "--md-primary-bg-color: #fff;",
            f"--md-typeset-a-color: {primary};",
        ]
    if identity.accent_colour:
        properties.append(f"--md-accent-fg-color: {identity.accent_colour};")
    if not properties:
        return None
    body = "\n".join(f"  {line}" for line in properties)
    selectors = ":root, :root > *, [data-md-color-primary], [data-md-color-accent]"
    return f"/* The publisher's colours, from site_config/site.yaml (identity). */\n{selectors} {{\n{body}\n}}\n"


def identity_pages(data: SiteData) -> list[PageSpec]:
    css = identity_css(data.config.identity)
    return [PageSpec(STYLE_SHEET, content=css)] if css else []
