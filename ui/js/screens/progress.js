import { notBuilt } from '../dom.js';

export function render(container) {
  container.append(notBuilt('Progress', 'Readiness per focus area and round, study time, mock scores and STAR coverage.'));
}
