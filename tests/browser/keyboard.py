"""Moving through a page with the Tab key, checking at every stop that focus can be seen."""

# What the focused element looks like: a visible focus indicator (NHS.UK draws a yellow
# background with a dark underline as a box-shadow, or a yellow outline on form fields)
# and a box on screen. `getBoundingClientRect` is read after the browser has scrolled the
# element into view, as it does on focus.
_FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const visibleColour = (colour) => colour && !/^(transparent|rgba\\(.*,\\s*0\\))$/.test(colour);
  return {
    description: element.outerHTML.slice(0, 160),
    tag: element.tagName.toLowerCase(),
    href: element.getAttribute("href"),
    text: element.innerText.trim(),
    inMain: Boolean(element.closest("main")),
    focusVisible: element.matches(":focus-visible"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      && visibleColour(style.outlineColor),
    boxShadow: style.boxShadow !== "none",
    onScreen: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
  };
}"""


def focus_state(page):
    return page.evaluate(_FOCUS_STATE)


def assert_focus_visible(state):
    assert state is not None, "focus is on nothing (the page body)"
    assert state["focusVisible"], f"focus is not :focus-visible on {state['description']}"
    assert state["outline"] or state["boxShadow"], (
        f"no visible focus indicator (outline or box-shadow) on {state['description']}"
    )
    assert state["onScreen"], f"focused element is off screen or hidden: {state['description']}"


def tab_to(page, matches, max_presses=120):
    """Press Tab until `matches(state)` holds, checking focus is visible at every stop."""
    seen = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        state = focus_state(page)
        assert_focus_visible(state)
        if matches(state):
            return state
        seen.append(state["description"])
    raise AssertionError(
        f"{max_presses} presses of Tab never reached the element; focus went to:\n"
        + "\n".join(seen[-20:])
    )


def link_to(path_end):
    return lambda state: state["tag"] == "a" and (state["href"] or "").endswith(path_end)
