import { notBuilt } from '../dom.js';

export function render(container) {
  container.append(notBuilt('Packs', 'Import, update and remove offline content packs.'));
}
