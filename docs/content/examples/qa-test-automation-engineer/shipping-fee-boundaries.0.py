# Set-up: the implementation under test.
from decimal import Decimal

def shipping_fee(subtotal, weight_kg, member):
    if subtotal <= 0 or weight_kg > 30:
        raise ValueError("refused")
    if member or subtotal >= Decimal("150.00"):
        return Decimal("0.00")
    if subtotal >= Decimal("50.00"):
        return Decimal("2.90")
    return Decimal("4.90")

{{EXAMPLE}}

# Checks: each plausible mistake must make at least one case fail.
def off_by_one_first_band(s, w, m):
    if s <= 0 or w > 30: raise ValueError
    if m or s >= Decimal("150.00"): return Decimal("0.00")
    return Decimal("2.90") if s > Decimal("50.00") else Decimal("4.90")

def off_by_one_free(s, w, m):
    if s <= 0 or w > 30: raise ValueError
    if m or s > Decimal("150.00"): return Decimal("0.00")
    return Decimal("2.90") if s >= Decimal("50.00") else Decimal("4.90")

def weight_limit_inclusive(s, w, m):
    if s <= 0 or w >= 30: raise ValueError
    if m or s >= Decimal("150.00"): return Decimal("0.00")
    return Decimal("2.90") if s >= Decimal("50.00") else Decimal("4.90")

def member_before_weight(s, w, m):
    if m: return Decimal("0.00")
    return shipping_fee(s, w, m)

def accepts_empty_order(s, w, m):
    if w > 30: raise ValueError
    if m or s >= Decimal("150.00"): return Decimal("0.00")
    return Decimal("2.90") if s >= Decimal("50.00") else Decimal("4.90")

for mutant in (off_by_one_first_band, off_by_one_free, weight_limit_inclusive,
               member_before_weight, accepts_empty_order):
    try:
        check(mutant)
    except AssertionError:
        continue
    raise SystemExit(f"the cases do not catch {mutant.__name__}")
