import { notBuilt } from '../dom.js';

export function render(container) {
  container.append(notBuilt('Planner', 'A day-by-day plan from today to your interview date, ordered by the hiring process.'));
}
