// What can be asserted about a surface's look, measured inside the page or
// frame that shows it (Playwright evaluate). Each check resolves to a list of
// offenders ({ path, text, ... }); an empty list passes.
/* global document, getComputedStyle, NodeFilter, CSS -- the measurements run in the browser */

/**
 * Runs in the browser: serialized with toString, so it closes over nothing.
 * Returns the measuring functions the checks below call by name.
 */
function measurements() {
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  /** Whether a workbench list row holding `el` lies wholly inside its list's visible box (true outside lists). */
  const wholeInList = (el) => {
    const row = el.closest('.monaco-list-row');
    const list = row?.closest('.monaco-list');
    if (!row || !list) return true;
    const inner = row.getBoundingClientRect();
    const outer = list.getBoundingClientRect();
    return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  };
  const path = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      const classes = [...node.classList].slice(0, 2).map((name) => `.${name}`);
      parts.unshift(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${classes.join('')}`);
    }
    return parts.join(' > ');
  };
  /** The element's texts, one piece per text node (a label and its description stay apart). */
  const pieces = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent.trim()) found.push(node.textContent.trim().replace(/\s+/g, ' '));
    return found;
  };
  const snippet = (el) => pieces(el).join(' ').slice(0, 80);
  /** The texts the element's box cuts: those whose line box ends past its right edge. */
  const cutPieces = (el) => {
    const right = el.getBoundingClientRect().right + 1;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const cut = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      if (node.textContent.trim() && range.getBoundingClientRect().right > right) cut.push(node.textContent.trim().replace(/\s+/g, ' '));
    }
    return cut;
  };
  // A screen-reader-only box (the panels' live regions: 1 x 1 px, clipped) is meant to be unseen.
  const screenReaderOnly = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const box = node.getBoundingClientRect();
      const style = getComputedStyle(node);
      if (box.width <= 1 && box.height <= 1 && style.overflow === 'hidden') return true;
      if (style.clipPath === 'inset(50%)' || /rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(style.clip)) return true;
    }
    return false;
  };
  const roots = (selector) => [...document.querySelectorAll(selector ?? 'body')].filter(visible);
  const within = (selector) =>
    roots(selector)
      .flatMap((root) => [root, ...root.querySelectorAll('*')])
      .filter((el) => !screenReaderOnly(el));

  // Colours as [r, g, b, a] with r, g, b in 0..255: any CSS colour goes through the engine once.
  const rgba = (css) => {
    if (!css) return undefined;
    const probe = document.createElement('i');
    probe.style.color = css.trim();
    if (!probe.style.color) return undefined;
    document.documentElement.append(probe);
    const computed = getComputedStyle(probe).color;
    probe.remove();
    const numbers = computed.match(/[\d.]+/g)?.map(Number);
    return numbers && numbers.length >= 3 ? [numbers[0], numbers[1], numbers[2], numbers[3] ?? 1] : undefined;
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  /** The colour a background shows after every translucent layer under it is composited (page canvas: white). */
  const effectiveBackground = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  // WCAG 2.x relative luminance and contrast ratio.
  const luminance = ([r, g, b]) => {
    const channel = (value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (one, two) => {
    const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const sameColour = (one, two) => Boolean(one && two) && [0, 1, 2, 3].every((i) => Math.abs(one[i] - two[i]) <= (i === 3 ? 0.02 : 1));
  const round = (value) => Math.round(value * 100) / 100;

  /** Clipped overflow nobody can reach: no scrollbar, no ellipsis with a way to read the rest. */
  function overflowHidden({ root }) {
    return within(root)
      .filter((el) => {
        const style = getComputedStyle(el);
        if (!['hidden', 'clip'].includes(style.overflowX) || el.scrollWidth <= el.clientWidth + 1 || !visible(el)) return false;
        // A list row the pane shows only in part (cut by its bottom edge) is read once scrolled into view: its
        // hover cannot be reached where it is (the pointer would land on the next pane).
        if (!wholeInList(el)) return false;
        // VS Code's own scrollers clip and scroll with a custom scrollbar; the editor scrolls itself.
        if (el.closest('.monaco-editor') || el.matches('.monaco-scrollable-element, .monaco-scrollable-element > *')) return false;
        // An ellipsis is a fit control when the rest can be read: a title says it.
        return !(style.textOverflow === 'ellipsis' && el.closest('[title]'));
      })
      .map((el, index) => {
        // In a workbench list row the hover may say it: the caller hovers the row marked here and reads.
        const row = getComputedStyle(el).textOverflow === 'ellipsis' ? el.closest('.monaco-list-row') : null;
        row?.setAttribute('data-surface-hover', String(index));
        const shown = { path: path(el), text: snippet(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
        return row ? { ...shown, hoverRow: String(index), pieces: cutPieces(el) } : shown;
      });
  }

  /** Text squeezed below three characters' width: one character a line, or a box too narrow to show a word. */
  function crushedText({ root }) {
    const canvas = document.createElement('canvas').getContext('2d');
    const found = new Map();
    for (const el of within(root)) {
      if (!visible(el)) continue;
      for (const node of el.childNodes) {
        const text = node.nodeType === 3 ? node.textContent.trim() : '';
        if (text.length <= 3) continue;
        const style = getComputedStyle(el);
        canvas.font = style.font || `${style.fontSize} ${style.fontFamily}`;
        const natural = canvas.measureText(text).width;
        const limit = Math.min(3 * (natural / text.length), natural) - 0.5;
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = [...range.getClientRects()].filter((rect) => rect.width > 0);
        if (!lines.length) continue;
        const widest = Math.max(...lines.map((rect) => rect.width));
        // A box that clips shows no more than its own width, whatever the text's line boxes say.
        const clips = style.display !== 'inline' && style.overflowX !== 'visible';
        const shown = clips ? Math.min(widest, el.clientWidth) : widest;
        if (shown < limit) found.set(el, { path: path(el), text: text.slice(0, 60), width: round(shown), needs: round(limit), lines: lines.length });
      }
    }
    return [...found.values()];
  }

  /** Where the focus ring of the focused element is drawn, and whether it is the theme's focus colour. */
  function focusRing({ root }) {
    const active = document.activeElement;
    if (!active || active === document.body || !document.hasFocus()) return { inside: false };
    if (root && !active.closest(root)) return { inside: false };
    // Workbench lists take focus on the list and draw the ring on the focused row.
    const ringOn = active.matches('.monaco-list') ? (active.querySelector('.monaco-list-row.focused') ?? active) : active;
    const style = getComputedStyle(ringOn);
    const variables = ['--vscode-focusBorder', '--vscode-list-focusOutline', '--vscode-list-focusAndSelectionOutline'];
    const wanted = (ringOn === active ? variables.slice(0, 1) : variables).map((name) => rgba(style.getPropertyValue(name))).filter(Boolean);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && wanted.some((colour) => sameColour(colour, rgba(style.outlineColor)));
    const shadows = style.boxShadow === 'none' ? [] : [...style.boxShadow.matchAll(/rgba?\([^)]*\)/g)].map((match) => rgba(match[0]));
    const shadow = shadows.some((colour) => wanted.some((want) => sameColour(colour, want)));
    return {
      inside: true,
      key: path(active) + '|' + snippet(active),
      path: path(ringOn),
      text: snippet(ringOn),
      visible: outline || shadow,
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      boxShadow: style.boxShadow,
      focusBorder: style.getPropertyValue('--vscode-focusBorder').trim(),
    };
  }

  function focusFirst({ root }) {
    const first = within(root).find(
      (el) => el.tabIndex >= 0 && !el.disabled && visible(el) && el.matches('a[href], button, input, select, textarea, [tabindex]'),
    );
    first?.focus();
    return Boolean(first);
  }

  /**
   * A selected item must stand out from what it sits on: a background at least as distinct as VS Code's own
   * list selection in its default light theme (1.2:1; Light Modern's #E8E8E8 on white is 1.23:1), or an
   * outline or border of 3:1 (WCAG 1.4.11, what high-contrast themes use); and every text on it must read at
   * 4.5:1 (WCAG 1.4.3). Text contrast alone does not count, nor a look an unselected peer (same tag and
   * first class) shares: unselected items have them too.
   */
  function selectionContrast({ selector }) {
    return [...document.querySelectorAll(selector)].filter(visible).flatMap((el) => {
      const style = getComputedStyle(el);
      const background = effectiveBackground(el);
      const around = effectiveBackground(el.parentElement ?? el);
      const backgroundRatio = contrast(background, around);
      const edges = [
        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 ? rgba(style.outlineColor) : undefined,
        ...['Top', 'Right', 'Bottom', 'Left'].map((side) =>
          style[`border${side}Style`] !== 'none' && parseFloat(style[`border${side}Width`]) >= 1 ? rgba(style[`border${side}Color`]) : undefined,
        ),
      ].filter((colour) => colour && colour[3] > 0);
      const edgeRatio = Math.max(1, ...edges.map((colour) => contrast(over(colour, around), around)));
      const texts = [el, ...el.querySelectorAll('*')].filter(
        (node) => visible(node) && [...node.childNodes].some((child) => child.nodeType === 3 && child.textContent.trim()),
      );
      const textRatio = Math.min(
        ...texts.map((node) => {
          let opacity = 1;
          for (let up = node; up && up !== el.parentElement; up = up.parentElement) opacity *= Number(getComputedStyle(up).opacity);
          const colour = rgba(getComputedStyle(node).color);
          return contrast(over([colour[0], colour[1], colour[2], colour[3] * opacity], effectiveBackground(node)), effectiveBackground(node));
        }),
      );
      // An edge or background every unselected peer has too marks nothing.
      const peer = [...document.querySelectorAll(`${el.tagName}.${CSS.escape(el.classList[0] ?? '')}`)].find(
        (other) => other !== el && !other.matches(selector) && visible(other),
      );
      const look = (node) => {
        const css = getComputedStyle(node);
        return [effectiveBackground(node).join(), css.outlineStyle, css.outlineColor, css.borderTopColor, css.borderRightColor, css.borderBottomColor].join(
          '|',
        );
      };
      const stands = (backgroundRatio >= 1.2 || edgeRatio >= 3) && !(peer && look(peer) === look(el));
      const reads = !texts.length || textRatio >= 4.5;
      return stands && reads
        ? []
        : [{ path: path(el), text: snippet(el), backgroundRatio: round(backgroundRatio), edgeRatio: round(edgeRatio), textRatio: round(textRatio) }];
    });
  }

  return { overflowHidden, crushedText, focusRing, focusFirst, selectionContrast };
}

/** Calls one of the measurements in a page or frame. */
function measure(frame, name, options = {}) {
  return frame.evaluate(`(${measurements.toString()})().${name}(${JSON.stringify(options)})`);
}

/**
 * Elements whose content is wider than they are, clipped (overflow-x hidden/clip), with no scroller or
 * readable ellipsis. An ellipsis in a workbench list row counts as readable when hovering the row shows
 * the clipped text (VS Code shows the item's tooltip, else its label: a description it leaves out is lost).
 */
export async function overflowHidden(frame, { root = 'body', hoverCache = new Map() } = {}) {
  const found = await measure(frame, 'overflowHidden', { root });
  const lost = [];
  for (const item of found) {
    if (item.hoverRow === undefined) {
      lost.push(item);
      continue;
    }
    // hoverCache (element and text -> hover text) spares hovering the same row again at another width.
    const { hoverRow, pieces, ...offender } = item;
    const key = `${item.path}|${item.text}`;
    if (!hoverCache.has(key)) hoverCache.set(key, await hoverText(frame, `[data-surface-hover="${hoverRow}"]`));
    const hover = hoverCache.get(key);
    const missing = pieces.filter((piece) => !hover.includes(piece));
    if (missing.length) lost.push({ ...offender, hover: hover || '(no hover)', missing });
  }
  await frame.evaluate(() => document.querySelectorAll('[data-surface-hover]').forEach((row) => row.removeAttribute('data-surface-hover')));
  return lost;
}

/** What the hover of the element at `selector` says, whitespace collapsed ('' when none appears). */
/** The last hover read: VS Code can keep showing it while the pointer moves to the next row. */
let lastHover = '';

async function hoverText(frame, selector) {
  const page = frame.page();
  const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible');
  // No key here: Escape would clear a list's selection. Moving away hides the last hover.
  await page.mouse.move(0, 0);
  await hover
    .first()
    .waitFor({ state: 'hidden', timeout: 3000 })
    .catch(() => undefined);
  // Wait for this row's hover: shown, and not the previous row's (a loaded machine is slow to swap
  // them; a hover box left from the row above can cover this one: then move away and come back once).
  let shown = '';
  for (let attempt = 0; attempt < 2 && (shown === '' || shown === lastHover); attempt++) {
    if (attempt > 0) {
      await page.mouse.move(0, 0);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await frame.locator(selector).first().hover();
    for (let waited = 0; waited < 5000; waited += 200) {
      const visible =
        (await hover.count()) > 0
          ? (
              await hover
                .last()
                .innerText()
                .catch(() => '')
            )
              .replace(/\s+/g, ' ')
              .trim()
          : '';
      if (visible) shown = visible;
      if (visible && visible !== lastHover) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await page.mouse.move(0, 0);
  lastHover = shown;
  return shown;
}

/** Text elements narrower than ~3 of their characters while their text is longer (one character a line). */
export const crushedText = (frame, { root = 'body' } = {}) => measure(frame, 'crushedText', { root });

/** Selected items (selector) that do not stand out from their container, or whose text does not read on them. */
export const selectionContrast = (frame, selector) => measure(frame, 'selectionContrast', { selector });

/**
 * Tabs through everything focusable under `root` (from its first focusable element, or from what `start`
 * focuses) and returns each stop whose ring is not an outline or box-shadow in the theme's focus colour.
 * `stops` (an array, optional) receives every stop, so a caller can tell "no ring" from "nothing focused".
 */
export async function focusVisible(frame, { root = 'body', max = 30, start, stops = [] } = {}) {
  const keyboard = frame.page().keyboard;
  // A key first: Chromium shows :focus-visible for script focus after keyboard use, as after Tab.
  await keyboard.press('Shift');
  if (start) await start();
  else if (!(await measure(frame, 'focusFirst', { root }))) return [];
  const seen = new Set();
  for (let i = 0; i < max; i++) {
    const ring = await measure(frame, 'focusRing', { root });
    if (!ring.inside || seen.has(ring.key)) break;
    seen.add(ring.key);
    stops.push(ring);
    await keyboard.press('Tab');
  }
  return stops.filter((ring) => !ring.visible).map(({ path, text, outline, boxShadow, focusBorder }) => ({ path, text, outline, boxShadow, focusBorder }));
}
