// Harness: a tiny query cache, an API stub and a socket, with boards as { version, cards }.
// Checks the answer's claims: the move shows at once; a failed move undoes only the moved
// card and keeps a change that arrived meanwhile; socket events apply in order, stale ones are
// ignored and a gap invalidates the board.
import assert from 'node:assert/strict';

const store = new Map();
const invalidated = [];
const cache = {
  get: (key) => store.get(JSON.stringify(key)),
  set: (key, value) => store.set(JSON.stringify(key), value),
  invalidate: (key) => invalidated.push(JSON.stringify(key)),
};
const rankBetween = (a, b) => (a + b) / 2;
const applyMove = (board, cardId, column, rank) => ({
  ...board, cards: board.cards.map((c) => (c.id === cardId ? { ...c, column, rank } : c)),
});
const revertCard = (board, before, cardId) => ({
  ...board, cards: board.cards.map((c) => (c.id === cardId ? before.cards.find((o) => o.id === cardId) : c)),
});
const notices = [];
const notify = (text) => notices.push(text);
const applyChange = (board, change, version) => ({
  ...board, version, cards: board.cards.map((c) => (c.id === change.id ? { ...c, ...change } : c)),
});
const socket = new EventTarget();
const emit = (event) => socket.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify(event) }));

{{EXAMPLE}}

cache.set(['board', 'b1'], { version: 5, cards: [
  { id: 'c1', column: 'todo', rank: 1, title: 'Write spec' },
  { id: 'c2', column: 'todo', rank: 2, title: 'Review' },
] });

// A move that fails with 409 while another user renames card c2.
let reject;
const api = { moveCard: () => new Promise((_, r) => { reject = r; }) };
const pending = moveCard(cache, api, { boardId: 'b1', cardId: 'c1', toColumn: 'done', afterRank: 0, beforeRank: 2 });
assert.equal(cache.get(['board', 'b1']).cards[0].column, 'done');          // optimistic
emit({ boardId: 'b1', version: 6, change: { id: 'c2', title: 'Review PR' } });
assert.equal(cache.get(['board', 'b1']).version, 6);
reject(Object.assign(new Error('conflict'), { status: 409 }));
await pending;
const board = cache.get(['board', 'b1']);
assert.equal(board.cards[0].column, 'todo');                               // only c1 undone
assert.equal(board.cards[1].title, 'Review PR');                           // c2's change kept
assert.match(notices[0], /board changed/);
assert.deepEqual(invalidated, ['["board","b1"]']);

// Stale and duplicate events are ignored; a gap invalidates.
emit({ boardId: 'b1', version: 6, change: { id: 'c2', title: 'old' } });
assert.equal(cache.get(['board', 'b1']).cards[1].title, 'Review PR');
emit({ boardId: 'b1', version: 9, change: { id: 'c2', title: 'later' } });
assert.equal(invalidated.length, 2);
emit({ boardId: 'other', version: 1, change: {} });                        // not loaded: ignored
console.log('board-state-and-client-cache: ok');
