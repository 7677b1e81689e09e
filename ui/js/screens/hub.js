import { notBuilt } from '../dom.js';

export function render(container) {
  container.append(notBuilt('Role hub', 'The full hub of one role: what interviewers test, the rounds in order, the question guide, mock flows, STAR examples, checklist and FAQ.'));
}
