// Harness: checks the outputs the answer quotes, with Node.js 20's built-in ICU data.
import assert from 'node:assert/strict';

{{EXAMPLE}}

const NBSP = '\u00a0';
assert.equal(t('en-GB', 'cartItems', { count: 1 }), '1 item in your basket');
assert.equal(t('en-GB', 'cartItems', { count: 3 }), '3 items in your basket');
assert.equal(t('de-DE', 'cartItems', { count: 1 }), '1 Artikel im Warenkorb');
assert.equal(t('ja-JP', 'cartItems', { count: 3 }), 'カートに商品が3点あります');
assert.equal(t('fr-FR', 'cartItems', { count: 2 }), '2 items in your basket');          // fallback
const ar = [0, 1, 2, 3, 11, 100].map((n) => t('ar-AE', 'cartItems', { count: n }));
assert.equal(new Set(ar).size, 6, 'six distinct Arabic forms');
assert.equal(ar[1], 'منتج واحد في سلتك');
assert.equal(ar[3], '3 منتجات في سلتك');
assert.equal(formatMoney(123450, 'EUR', 'de-DE'), `1.234,50${NBSP}€`);
assert.equal(formatMoney(1234, 'JPY', 'ja-JP'), '￥1,234');
assert.equal(formatOrderDate(new Date(Date.UTC(2024, 5, 3, 22, 30)), 'de-DE', 'Europe/Berlin'), '4. Juni 2024');
console.log('i18n-checkout-launch: ok');
