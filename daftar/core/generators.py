"""Deterministic generators of valid Iranian identifiers and Persian names.

For tests, factories and demo data: the same `random.Random` seed always yields the same
values, and every identifier passes the matching normaliser in `daftar.core.identifiers`.
The values are syntactically valid, not real: they belong to no one we know of.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from daftar.core.identifiers import (
    legal_id_check_digit,
    mobile_prefixes,
    national_code_check_digit,
    sheba_check_digits,
)

Sex = Literal["female", "male"]

# Bank codes as they appear in Sheba numbers (digits 5-7).
SHEBA_BANK_CODES = {
    "011": "Sanat va Madan",
    "012": "Mellat",
    "013": "Refah",
    "014": "Maskan",
    "015": "Sepah",
    "016": "Keshavarzi",
    "017": "Melli",
    "018": "Tejarat",
    "019": "Saderat",
    "020": "Tosee Saderat",
    "021": "Post Bank",
    "054": "Parsian",
    "055": "Eghtesad Novin",
    "056": "Saman",
    "057": "Pasargad",
    "062": "Ayandeh",
}


def _digits(rng: random.Random, count: int, *, alphabet: str = "0123456789") -> str:
    return "".join(rng.choice(alphabet) for _ in range(count))


def national_code(rng: random.Random) -> str:
    """A valid 10-digit national code that is not one repeated digit."""
    while True:
        body = _digits(rng, 9)
        code = body + str(national_code_check_digit(body))
        if len(set(code)) > 1:
            return code


def legal_id(rng: random.Random) -> str:
    """A valid 11-digit legal-entity national ID, starting 10 or 14 like real ones."""
    while True:
        body = rng.choice(("10", "14")) + _digits(rng, 8)
        if int(body[3:9]) == 0:
            continue  # the published reference check also refuses an all-zero middle
        return body + str(legal_id_check_digit(body))


def postal_code(rng: random.Random) -> str:
    """A valid 10-digit postal code.

    Stricter than the normaliser, following the commonly published pattern: no 0 or 2 in
    the first five digits, no 5 in the fifth, no 2 in the last five, first four not equal.
    """
    while True:
        head = _digits(rng, 4, alphabet="13456789")
        if len(set(head)) > 1:
            break
    return head + rng.choice("1346789") + _digits(rng, 5, alphabet="013456789")


def sheba(rng: random.Random) -> str:
    """A valid Sheba number: IR, check digits, a real bank code, account type 0, 18 digits."""
    bban = rng.choice(sorted(SHEBA_BANK_CODES)) + "0" + _digits(rng, 18)
    return "IR" + sheba_check_digits(bban) + bban


def operator_mobile_prefixes() -> tuple[str, ...]:
    """The operators' own ranges from the allocated prefixes (0912 -> "912"), in order; the
    MVNOs' narrower sub-ranges (09981…) are left out of generated data."""
    return tuple(sorted(p.national for p in mobile_prefixes() if len(p.national) == 3))


def mobile(rng: random.Random) -> str:
    """A canonical mobile number (+989XXXXXXXXX) in a range an operator really uses
    (`daftar/core/data/mobile_prefixes.json`)."""
    return "+98" + rng.choice(operator_mobile_prefixes()) + _digits(rng, 7)


# --- names ------------------------------------------------------------------------------------

FEMALE_FIRST_NAMES = (
    ("زهرا", "Zahra"),
    ("فاطمه", "Fatemeh"),
    ("مریم", "Maryam"),
    ("سارا", "Sara"),
    ("نرگس", "Narges"),
    ("لیلا", "Leila"),
    ("مهسا", "Mahsa"),
    ("نازنین", "Nazanin"),
    ("الهام", "Elham"),
    ("شیرین", "Shirin"),
    ("پریسا", "Parisa"),
    ("سمیرا", "Samira"),
    ("مینا", "Mina"),
    ("فرشته", "Fereshteh"),
    ("کوثر", "Kowsar"),
    ("هانیه", "Haniyeh"),
    ("ریحانه", "Reyhaneh"),
    ("آزاده", "Azadeh"),
    ("نیلوفر", "Niloufar"),
    ("ترانه", "Taraneh"),
)
MALE_FIRST_NAMES = (
    ("علی", "Ali"),
    ("محمد", "Mohammad"),
    ("حسین", "Hossein"),
    ("رضا", "Reza"),
    ("مهدی", "Mehdi"),
    ("امیر", "Amir"),
    ("سعید", "Saeed"),
    ("حمید", "Hamid"),
    ("مجید", "Majid"),
    ("کامران", "Kamran"),
    ("بهروز", "Behrouz"),
    ("داریوش", "Dariush"),
    ("کوروش", "Kourosh"),
    ("آرش", "Arash"),
    ("بابک", "Babak"),
    ("پیمان", "Peyman"),
    ("فرهاد", "Farhad"),
    ("یوسف", "Yousef"),
    ("محمدرضا", "Mohammadreza"),
    ("امیرحسین", "Amirhossein"),
)
FAMILY_NAMES = (
    ("محمدی", "Mohammadi"),
    ("حسینی", "Hosseini"),
    ("احمدی", "Ahmadi"),
    ("رضایی", "Rezaei"),
    ("موسوی", "Mousavi"),
    ("کریمی", "Karimi"),
    ("جعفری", "Jafari"),
    ("صادقی", "Sadeghi"),
    ("رحیمی", "Rahimi"),
    ("هاشمی", "Hashemi"),
    ("قاسمی", "Ghasemi"),
    ("نوری", "Nouri"),
    ("عباسی", "Abbasi"),
    ("زارعی", "Zarei"),
    ("کاظمی", "Kazemi"),
    ("ابراهیمی", "Ebrahimi"),
    ("امیری", "Amiri"),
    ("حیدری", "Heidari"),
    ("میرزایی", "Mirzaei"),
    ("طاهری", "Taheri"),
    ("شریفی", "Sharifi"),
    ("نجفی", "Najafi"),
    ("سلیمانی", "Soleimani"),
    ("باقری", "Bagheri"),
    ("یوسفی", "Yousefi"),
    ("اکبری", "Akbari"),
    ("ملکی", "Maleki"),
    ("بهرامی", "Bahrami"),
    ("توکلی", "Tavakoli"),
    ("خسروی", "Khosravi"),
    ("مرادی", "Moradi"),
    ("فرهادی", "Farhadi"),
    ("شیرازی", "Shirazi"),
    ("تهرانی", "Tehrani"),
    ("اصفهانی", "Esfahani"),
    ("کرمانی", "Kermani"),
    ("علی‌پور", "Alipour"),
    ("حسن‌زاده", "Hassanzadeh"),
    ("تقی‌زاده", "Taghizadeh"),
    ("قلی‌زاده", "Gholizadeh"),
)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A generated name in Persian script with its usual English spelling."""

    first_fa: str
    last_fa: str
    first_en: str
    last_en: str
    sex: Sex

    @property
    def fa(self) -> tuple[str, str]:
        return self.first_fa, self.last_fa

    @property
    def en(self) -> tuple[str, str]:
        return self.first_en, self.last_en

    @property
    def full_fa(self) -> str:
        return f"{self.first_fa} {self.last_fa}"

    @property
    def full_en(self) -> str:
        return f"{self.first_en} {self.last_en}"


def person(rng: random.Random, *, sex: Sex | None = None) -> PersonName:
    """A random person's name; `sex` picks from the female or male first names."""
    if sex is None:
        sex = rng.choice(("female", "male"))
    first_fa, first_en = rng.choice(FEMALE_FIRST_NAMES if sex == "female" else MALE_FIRST_NAMES)
    last_fa, last_en = rng.choice(FAMILY_NAMES)
    return PersonName(first_fa, last_fa, first_en, last_en, sex)


def person_name(rng: random.Random) -> tuple[str, str]:
    """(first name, family name) in Persian; same draw as `person(rng)`."""
    return person(rng).fa


def person_name_en(rng: random.Random) -> tuple[str, str]:
    """(first name, family name) in English letters; same draw as `person(rng)`."""
    return person(rng).en
