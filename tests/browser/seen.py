"""What a person sees, measured in the browser: accessibility (axe-core) and layout geometry.

One place for the page-level checks that every browser test of a main page runs at 1280 and
375 px, so that a card 6 000 px tall or a button reduced to its icon fails a test.
"""

from axe_playwright_python.sync_playwright import Axe

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 740}}

_AXE = Axe()


def axe_violations(page, allowed=()):
    """axe-core's violations on the current page, as "rule: target" lines.

    `allowed` names rules that cannot be fixed here; each caller says why next to the call.
    """
    results = _AXE.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} — {violation['help']}"
        for violation in results.response["violations"]
        if violation["id"] not in allowed
        for node in violation["nodes"]
    ]


_LAYOUT_PROBLEMS = """
(selectors) => {
  const width = document.documentElement.clientWidth;
  const height = window.innerHeight;
  const problems = [];
  const visible = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  for (const el of document.querySelectorAll('main *')) {
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
      let clipped = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') { clipped = true; break; }
      }
      if (!clipped) problems.push(`plus large que l'écran (${Math.round(box.right)} > ${width}) : ${describe(el)}`);
    }
  }
  for (const el of document.querySelectorAll(selectors.cards)) {
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.height > height) problems.push(`carte plus haute que l'écran (${Math.round(box.height)} > ${height}) : ${describe(el)}`);
  }
  for (const el of document.querySelectorAll('a.fr-btn, button.fr-btn, .fr-btn')) {
    if (!visible(el)) continue;
    const text = el.innerText.trim();
    if (!text) { problems.push(`bouton sans texte visible : ${describe(el)} ${el.getAttribute('title') || ''}`); continue; }
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
      problems.push(`texte de bouton coupé : « ${text} »`);
    const range = document.createRange();
    range.selectNodeContents(el);
    const textBox = range.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    if (textBox.width > box.width + 2) problems.push(`texte de bouton coupé : « ${text} »`);
  }
  return problems;
}
"""


def layout_problems(page, cards=".fr-card"):
    """Elements wider than the viewport, cards taller than it, buttons whose text is hidden or cut."""
    return page.evaluate(_LAYOUT_PROBLEMS, {"cards": cards})


def screenshot(page, path):
    """A full-page screenshot to look at. The caret is left as it is: Playwright would hide it with a
    style attribute on every input, which the DSFR header then copies into its mobile menu, and
    the Content-Security-Policy refuses that copy (a console error failing the test)."""
    page.screenshot(path=path, full_page=True, caret="initial")
