// Line icons drawn as inline SVG (no icon font, nothing fetched): each a few strokes on a
// 24 × 24 grid, coloured by the text colour around them (`.icon` in app.css).

const NS = 'http://www.w3.org/2000/svg';

const PATHS = {
  // Books on a shelf.
  library: ['M4.5 4.5h4v15h-4z', 'M10 4.5h4v15h-4z', 'M15.6 5.4l3.6-1 3.3 14.4-3.6 1z'],
  // A target: the role you aim at.
  hub: ['M12 3.5a8.5 8.5 0 1 1 0 17a8.5 8.5 0 1 1 0-17z', 'M12 8.5a3.5 3.5 0 1 1 0 7a3.5 3.5 0 1 1 0-7z', 'M12 12h.01'],
  // A speech bubble: answering out loud.
  practice: ['M4 5h16v11H10l-4.5 3.5V16H4z', 'M8 9.5h8', 'M8 12.5h5'],
  // A calendar page.
  planner: ['M4 6h16v14H4z', 'M4 10h16', 'M8 3.5v4', 'M16 3.5v4', 'M8 14h2', 'M12 14h2', 'M8 17h2'],
  // A bar chart.
  progress: ['M4 20h16', 'M7 16.5v-5', 'M12 16.5v-10', 'M17 16.5v-7'],
  // A parcel.
  packs: ['M4 7.5l8-4 8 4v9l-8 4-8-4z', 'M4 7.5l8 4 8-4', 'M12 11.5v9'],
  // Two sliders.
  settings: ['M4 7h9', 'M17 7h3', 'M15 5a2 2 0 1 1 0 4a2 2 0 1 1 0-4z', 'M4 17h3', 'M11 17h9', 'M9 15a2 2 0 1 1 0 4a2 2 0 1 1 0-4z'],
  // A calendar for date fields.
  calendar: ['M4 6.5h16v13H4z', 'M4 10.5h16', 'M8 4v4', 'M16 4v4'],
  // A magnifier.
  search: ['M10.5 4a6.5 6.5 0 1 1 0 13a6.5 6.5 0 1 1 0-13z', 'M15.5 15.5l4.5 4.5'],
};

/** An icon by name; decoration only (aria-hidden), the text beside it names the thing. */
export function icon(name) {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  for (const d of PATHS[name] || []) {
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
