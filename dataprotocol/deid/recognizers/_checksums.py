"""Check characters of Chinese identifiers and payment cards (pure functions, no I/O).

* GB 11643-1999 (citizen identity number): 17 digits + a MOD 11-2 check character
  (ISO 7064), weights 2^(17-i) mod 11, check ``(12 - sum mod 11) mod 11``, 10 -> ``X``.
* GB 32100-2015 (unified social credit code): 17 characters over a 31-symbol alphabet
  (no I, O, S, V, Z) + a MOD 31 check character, weights 3^i mod 31.
* Luhn (ISO/IEC 7812-1) for bank cards.
* The VIN check digit (49 CFR 565.15, North America): letters transliterated to 1-9,
  weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, ``sum mod 11`` at position 9, 10 -> ``X``.
"""

from __future__ import annotations

__all__ = ["gb11643_valid", "gb11643_check", "gb32100_valid", "gb32100_check", "luhn_valid", "USCC_ALPHABET",
           "vin_check", "vin_valid"]

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def gb11643_check(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def gb11643_valid(number: str) -> bool:
    """An 18-character resident identity number with a correct check character."""
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        return False
    return gb11643_check(number[:17]) == number[17].upper()


def gb32100_check(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def gb32100_valid(code: str) -> bool:
    """An 18-character unified social credit code with a correct check character."""
    code = code.upper()
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code):
        return False
    return gb32100_check(code[:17]) == code[17]


def luhn_valid(number: str) -> bool:
    digits = [int(c) for c in number if c.isascii() and c.isdigit()]
    if len(digits) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


#: 49 CFR 565.15 transliteration (no I, O, Q in a VIN)
_VIN_VALUES = {**{str(d): d for d in range(10)},
               **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
               **dict(zip("STUVWXYZ", range(2, 10)))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check(vin: str) -> str:
    """The check character (position 9) a 17-character VIN must carry."""
    value = sum(_VIN_VALUES[c] * w for c, w in zip(vin.upper(), _VIN_WEIGHTS)) % 11
    return "X" if value == 10 else str(value)


def vin_valid(vin: str) -> bool:
    """A 17-character VIN over the VIN alphabet whose check digit is right."""
    vin = vin.upper()
    return len(vin) == 17 and all(c in _VIN_VALUES for c in vin) and vin_check(vin) == vin[8]
