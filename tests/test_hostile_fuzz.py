"""The fuzz properties of ``hostile_fuzz`` with a small, fixed budget (``bench/fuzz.py`` runs long)."""

from __future__ import annotations

from hostile_fuzz import check, html_pages, mutated_fixtures
from hypothesis import HealthCheck, given, settings

# Derandomized so a test run is reproducible; bench/fuzz.py explores at random.
_CI = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@settings(_CI, max_examples=150)
@given(html_pages())
def test_generated_pages_keep_every_invariant(page: str) -> None:
    check(page)


@settings(_CI, max_examples=150)
@given(html_pages())
def test_generated_pages_as_bytes_and_without_a_url(page: str) -> None:
    check(page.encode("utf-8"), url=None)


@settings(_CI, max_examples=25)
@given(mutated_fixtures())
def test_mutated_fixture_pages_keep_every_invariant(data: bytes) -> None:
    check(data)


def test_inputs_the_long_fuzz_runs_found() -> None:
    """Each failure bench/fuzz.py found, shrunk, kept as a case (see bench/README.md)."""
    # a form (page chrome) taken out of a <span>: its removal parts "Ketamine" from "0:0"
    check("<!DOCTYPE html><html><head></head><body><span>Ketamine<form>infusion</span>0:0</body></html>")
    # a JSON-LD organization URL that a broken attribute left relative (";https://…")
    check(
        '<html><head><script type="application/ld+json">{"@type": "MedicalClinic", "name": "Clinic",'
        ' "url": ";https://clinic.example"}</script></head><body><h1>Ketamine infusion</h1>'
        "<p>Ketamine infusion is given in our clinic over forty minutes with monitoring.</p></body></html>"
    )
    # a page only readability-lxml locates: it drops an <aside> and glued the words around it
    check(
        "<!DOCTYPE html><html><head></head><body><div><figcaption>Ketamine<div>Ketamine Ketamine Ketamine"
        " Ketamine</figcaption><p>Ketamine<p>" + "Ketamine " * 17 + "Ketamine{0{0Ketamine<aside>Ketamine"
        "</aside>infusion</body></html>"
    )
    # a canonical link whose host is a broken IPv6 literal ("https://>[[…"): urljoin raised
    check(
        '<html><head><link rel="canonical" href="https://>[[[[</script>www.example.com/a/">'
        "</head><body><h1>Ketamine infusion</h1><p>Ketamine infusion is given in our clinic over"
        " forty minutes with monitoring.</p></body></html>",
        url="https://www.example.com/blog/a/",
    )
    # a declared charset holding a NUL byte: codecs.lookup raised ValueError, not LookupError
    check(
        b'<html><head><meta charset="utf\x008"></head><body><h1>Ketamine infusion</h1><p>Ketamine'
        b" infusion is given in our clinic over forty minutes with monitoring.</p></body></html>"
    )
    # two sibling article bodies under a parent that holds no content mass: no KeyError
    check(
        '<!DOCTYPE html><html><head></head><body>Ketamine<figcaption><p itemprop="articleBody">Ketamine'
        ' Ketamine Ketamine</p><p itemprop="articleBody">Ketamine Ketamine Ketamine</body></html>'
    )
    # a paragraph of the page that reads "JAVASCRIPT:" is the page's text, not a script URL
    # (the oracle's mistake: it is kept, as any visible text is; URL fields stay checked)
    check("<!DOCTYPE html><html><head></head><body>Ketamine<p>JAVASCRIPT:</body></html>")
    # three bytes read as plain text ("<!D"): the oracle read them as HTML, and lxml found none
    check(b"<!D")
    # a CMS container inside a <noscript> that is no crawler view: not shown, so not the
    # region (it was read without the <noscript> nested in it, gluing "0x0Ketamine")
    check(
        '<!DOCTYPE html><html><head></head><body>KetamineKetamine<noscript><div class="entry-content">'
        "Ketamine<tr>0:0:0:0:0:0{Ketamine</div><p>Ketamine:0{0\u00d71</p><br>Ketamine Ketamine Ketamine"
        "0:0:0{0{0{0{0{0\u00d70</br><noscript>infusion</noscript>Ketamine Ketamine Ketamine</body></html>"
    )
