// Harness: a small stand-in for the DOM and for HTMLDialogElement (showModal, close with a
// return value, the close event, Escape as a close request that keeps returnValue). Checks:
// focus on open and on close, the close button works with an empty required field, filters are
// applied only for 'apply', and a stale 'apply' cannot re-apply after an Escape.
import assert from 'node:assert/strict';

class El {
  constructor(id) { this.id = id; this.listeners = {}; this.style = {}; }
  addEventListener(t, f) { (this.listeners[t] ??= []).push(f); }
  dispatch(t, e = {}) { (this.listeners[t] ?? []).forEach((f) => f({ target: this, ...e })); }
  focus() { document.activeElement = this; }
  click() { this.dispatch('click'); }
}
class Dialog extends El {
  constructor(id) { super(id); this.open = false; this.returnValue = ''; }
  showModal() { this.open = true; }
  close(value) {
    if (!this.open) return;
    this.open = false;
    if (value !== undefined) this.returnValue = value;
    this.dispatch('close');
  }
  pressEscape() { this.dispatch('cancel'); this.close(); }       // a close request: no new value
  submitWith(value) { this.close(value); }                       // form method="dialog", valid form
  querySelector(sel) { return { '#filters-title': title, form: theForm, '.close': closeButton }[sel]; }
}
const theDialog = new Dialog('filters');
const theOpener = new El('open-filters');
const title = new El('filters-title');
const closeButton = new El('close');
const theForm = { fields: { from: '' } };                           // the required date is empty
globalThis.document = {
  activeElement: null,
  body: { style: {} },
  getElementById: (id) => ({ filters: theDialog, 'open-filters': theOpener })[id],
};
globalThis.FormData = class { constructor(f) { this.fields = { ...f.fields }; } };
const applied = [];
globalThis.applyFilters = (data) => applied.push(data.fields);

{{EXAMPLE}}

theOpener.click();
assert.ok(theDialog.open);
assert.equal(document.activeElement, title);
assert.equal(document.body.style.overflow, 'hidden');

closeButton.click();                       // works although the required field is empty
assert.ok(!theDialog.open);
assert.equal(theDialog.returnValue, 'cancel');
assert.equal(document.activeElement, theOpener);
assert.equal(document.body.style.overflow, '');
assert.equal(applied.length, 0);

theOpener.click();
theForm.fields.from = '2024-06-01';
theDialog.submitWith('apply');
assert.deepEqual(applied, [{ from: '2024-06-01' }]);

theOpener.click();                            // reopen, then Escape: returnValue was reset on open
theDialog.pressEscape();
assert.ok(!theDialog.open);
assert.equal(applied.length, 1, 'a stale apply must not re-apply');
assert.equal(document.activeElement, theOpener);

theOpener.click();                            // backdrop click: the event targets the theDialog itself
theDialog.dispatch('click');
assert.ok(!theDialog.open);
assert.equal(theDialog.returnValue, 'cancel');
console.log('accessible-modal-theDialog: ok');
