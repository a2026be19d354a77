// Accessibility probes run in the page by tests/e2e/test_story_page.py (an object
// of functions, evaluated as an expression; no script is added to the page).
({
  // Controls, links and charts with no accessible name; images with no alt.
  unnamed() {
    const byId = id => document.getElementById(id);
    const named = el => {
      const ref = el.getAttribute('aria-labelledby');
      const label = el.getAttribute('aria-label') || (ref && byId(ref)?.textContent);
      if (label && label.trim()) return true;
      if (el.labels && [...el.labels].some(l => l.textContent.trim())) return true;
      if (el.tagName === 'BUTTON' || el.tagName === 'A') return el.textContent.trim() !== '';
      return false;
    };
    const bad = [];
    const wanted = 'input:not([type=hidden]), select, textarea, button, a[href], svg[role=img]';
    for (const el of document.querySelectorAll(wanted)) {
      if (!named(el)) bad.push(el.outerHTML.slice(0, 120));
    }
    for (const img of document.querySelectorAll('img:not([alt])')) {
      bad.push(img.outerHTML.slice(0, 120));
    }
    return bad;
  },

  // The contrast of every element's own text against the colour behind it, as the
  // browser computed both (WCAG 2 relative luminance): large text 3:1, other 4.5:1.
  lowContrast() {
    const rgb = s => {
      const m = s.match(/[\d.]+/g).map(Number);
      return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1};
    };
    const channel = v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    const lum = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const behind = el => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.a > 0.5) return c;
      }
      return {r: 255, g: 255, b: 255, a: 1};
    };
    const bad = [];
    let checked = 0;
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('svg') || !el.getClientRects().length) continue;
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const [hi, lo] = [lum(rgb(style.color)), lum(behind(el))].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      checked++;
      if (ratio < need) {
        const text = el.textContent.trim().slice(0, 40);
        bad.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)} < ${need}: ${text}`);
      }
    }
    return {bad, checked};
  },

  // Chart marks against the white page (non-text contrast, WCAG 1.4.11: 3:1).
  chartContrast() {
    const channel = v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    const out = {};
    const marks = 'svg rect.seg, svg circle.event:not(.planned), svg circle.story, svg .swatch';
    for (const el of document.querySelectorAll(marks)) {
      const c = getComputedStyle(el).fill.match(/[\d.]+/g).map(Number);
      const lum = 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
      out[el.getAttribute('class')] = 1.05 / (lum + 0.05);
    }
    return out;
  },

  // What has the keyboard focus: where it is in the document, whether it shows.
  focused() {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {
      tag: el.tagName,
      href: el.getAttribute('href'),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      index: [...document.querySelectorAll('*')].indexOf(el),
      main: [...document.querySelectorAll('*')].indexOf(document.getElementById('main')),
      visible: r.width > 0 && r.height > 0,
    };
  },
})
