import { notBuilt } from '../dom.js';

export function render(container) {
  container.append(notBuilt('Practice', 'Practice sessions with self-rating and spaced review, notes, STAR stories and timed mock rounds.'));
}
