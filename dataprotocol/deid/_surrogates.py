"""Realistic stand-ins (Faker), the same for one pseudonym seed.

The seed comes from the keyed HMAC of the value (``_operators``), so "John Smith"
becomes the same fake name in every record for one key, and nothing about the real
value can be read from the surrogate without the key.
"""

from __future__ import annotations

import datetime
from typing import Any

__all__ = ["surrogate", "REFERENCE_DATE"]

#: Faker draws dates and resident-id birthdays back from *today* unless told otherwise,
#: so one seed gave another surrogate the next day (1995-10-11, then 1995-10-12): a
#: fixed reference keeps "the same stand-in for one key" true across runs and days.
REFERENCE_DATE = datetime.date(2025, 1, 1)

_FAKERS: dict[str, Any] = {}

_PROVIDERS = {
    "PERSON": "name", "EMAIL_ADDRESS": "email", "PHONE_NUMBER": "phone_number",
    "STREET_ADDRESS": "street_address", "LOCATION": "city", "ORGANIZATION": "company",
    "DATE_TIME": "date", "CREDIT_CARD": "credit_card_number", "US_SSN": "ssn",
    "IBAN_CODE": "iban", "IP_ADDRESS": "ipv4", "URL": "url", "ZIP_CODE": "postcode",
    "MEDICAL_RECORD_NUMBER": "bothify", "AGE": "age", "US_PASSPORT": "passport_number",
    "US_DRIVER_LICENSE": "bothify",
    "CN_RESIDENT_ID": "ssn", "CN_BANK_CARD": "credit_card_number", "CN_VEHICLE_PLATE": "license_plate",
    "CN_PASSPORT": "passport_number", "NRP": "none", "CN_USCC": "none",
}


def surrogate(entity_type: str, *, seed: int, locale: str = "en_US") -> str | None:
    """A fake value for ``entity_type`` from ``seed``; ``None`` when there is no provider."""
    provider = _PROVIDERS.get(entity_type)
    if provider is None or provider == "none":
        return None
    faker = _FAKERS.get(locale)
    if faker is None:
        from faker import Faker

        faker = _FAKERS[locale] = Faker(locale)
    faker.seed_instance(seed)
    if provider == "bothify":
        return str(faker.bothify("??#######").upper())
    if provider == "age":
        return str(faker.random_int(18, 89))
    if provider == "date":
        return str(faker.date(end_datetime=REFERENCE_DATE))
    if entity_type == "CN_RESIDENT_ID" and locale == "zh_CN":
        return _cn_resident_id(faker)
    return str(getattr(faker, provider)())


def _cn_resident_id(faker: Any) -> str:
    """Faker's zh_CN ``ssn`` (GB 11643, MOD 11-2 check digit) with the birthday counted
    back from :data:`REFERENCE_DATE` instead of today; same draws, same distribution."""
    provider = faker.ssn.__self__
    age = datetime.timedelta(days=faker.random_int(18 * 365, 90 * 365))
    birthday = (REFERENCE_DATE - age).strftime("%Y%m%d")
    area = faker.random_element(provider.area_codes)
    body = faker.numerify(area + birthday + "##") + faker.random.choice("0123456789")
    return body + str((1 - 2 * int(body, 13)) % 11).replace("10", "X")
