import { notBuilt } from '../dom.js';

export function render(container) {
  container.append(notBuilt('Library', 'Every installed role hub as a card, with filters by field and level.'));
}
