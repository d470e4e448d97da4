"""Recognizers that vanilla Presidio lacks or misses -- one per file, wired here.

The registry is explicit (opacus-style): :func:`extra_recognizers` lists every class;
a user adds one by passing it in ``ScrubConfig(extra_recognizers=...)``.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from dataprotocol.deid.recognizers._age import AgeRecognizer
from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._date import WrittenDateRecognizer
from dataprotocol.deid.recognizers._delimited_row import DelimitedRowRecognizer
from dataprotocol.deid.recognizers._email import OFFLINE_TLD_EXTRACTOR, OfflineEmailRecognizer
from dataprotocol.deid.recognizers._iban_context import IbanContextRecognizer
from dataprotocol.deid.recognizers._labelled_id import LabelledIdRecognizer
from dataprotocol.deid.recognizers._location_cue import LocationCueRecognizer
from dataprotocol.deid.recognizers._medical_record import MedicalRecordNumberRecognizer
from dataprotocol.deid.recognizers._mention import MentionRecognizer
from dataprotocol.deid.recognizers._nrp import NrpLexiconRecognizer
from dataprotocol.deid.recognizers._organization import CompanySuffixRecognizer
from dataprotocol.deid.recognizers._payment_card import PaymentCardContextRecognizer
from dataprotocol.deid.recognizers._person import PersonContextRecognizer
from dataprotocol.deid.recognizers._person_chat import LowerCaseChatNameRecognizer
from dataprotocol.deid.recognizers._person_lexicon import NameLexiconRecognizer
from dataprotocol.deid.recognizers._person_slots import PersonSlotRecognizer
from dataprotocol.deid.recognizers._person_unknown import UnknownNameRecognizer
from dataprotocol.deid.recognizers._person_upper import UpperCaseNameRecognizer
from dataprotocol.deid.recognizers._phone import InternationalPhoneRecognizer
from dataprotocol.deid.recognizers._phone_windowed import WindowedPhoneRecognizer
from dataprotocol.deid.recognizers._street_address import StreetAddressRecognizer
from dataprotocol.deid.recognizers._uk_nino import UkNinoRecognizer
from dataprotocol.deid.recognizers._us_driver_license import UsDriverLicenseContextRecognizer
from dataprotocol.deid.recognizers._us_passport import UsPassportContextRecognizer
from dataprotocol.deid.recognizers._us_ssn import UsSsnContextRecognizer
from dataprotocol.deid.recognizers._vin import VinRecognizer
from dataprotocol.deid.recognizers._zh_address import ChineseAddressRecognizer
from dataprotocol.deid.recognizers._zh_age import ChineseAgeRecognizer
from dataprotocol.deid.recognizers._zh_bank_card import ChineseBankCardRecognizer
from dataprotocol.deid.recognizers._zh_case_number import ChineseCaseNumberRecognizer
from dataprotocol.deid.recognizers._zh_date import ChineseDateRecognizer
from dataprotocol.deid.recognizers._zh_ip import ChineseIpRecognizer
from dataprotocol.deid.recognizers._zh_labelled_number import ChineseLabelledNumberRecognizer
from dataprotocol.deid.recognizers._zh_location import ChineseLocationRecognizer
from dataprotocol.deid.recognizers._zh_nrp import ChineseNrpRecognizer
from dataprotocol.deid.recognizers._zh_organization import ChineseOrganizationRecognizer
from dataprotocol.deid.recognizers._zh_passport import ChinesePassportRecognizer
from dataprotocol.deid.recognizers._zh_person import ChinesePersonRecognizer
from dataprotocol.deid.recognizers._zh_person_structure import ChineseStructuredNameRecognizer
from dataprotocol.deid.recognizers._zh_phone import ChinesePhoneRecognizer
from dataprotocol.deid.recognizers._zh_plate import ChineseVehiclePlateRecognizer
from dataprotocol.deid.recognizers._zh_record_id import ChineseMedicalRecordRecognizer, ChineseRecordIdRecognizer
from dataprotocol.deid.recognizers._zh_resident_id import ChineseResidentIdRecognizer
from dataprotocol.deid.recognizers._zh_serial_number import ChineseSerialNumberRecognizer
from dataprotocol.deid.recognizers._zh_unit_code import ChineseUnitCodeRecognizer
from dataprotocol.deid.recognizers._zh_uscc import ChineseUsccRecognizer
from dataprotocol.deid.recognizers._zh_waybill import ChineseWaybillRecognizer
from dataprotocol.deid.recognizers._zh_zip import ChineseZipRecognizer
from dataprotocol.deid.recognizers._zip_code import ZipCodeRecognizer

__all__ = [
    "AgeRecognizer",
    "ChineseAddressRecognizer",
    "ChineseAgeRecognizer",
    "ChineseBankCardRecognizer",
    "ChineseCaseNumberRecognizer",
    "ChineseDateRecognizer",
    "ChineseIpRecognizer",
    "ChineseLabelledNumberRecognizer",
    "ChineseLocationRecognizer",
    "ChineseMedicalRecordRecognizer",
    "ChineseNrpRecognizer",
    "ChineseOrganizationRecognizer",
    "ChinesePassportRecognizer",
    "ChinesePersonRecognizer",
    "ChineseStructuredNameRecognizer",
    "ChinesePhoneRecognizer",
    "ChineseRecordIdRecognizer",
    "ChineseResidentIdRecognizer",
    "ChineseSerialNumberRecognizer",
    "ChineseUnitCodeRecognizer",
    "ChineseUsccRecognizer",
    "ChineseVehiclePlateRecognizer",
    "ChineseWaybillRecognizer",
    "ChineseZipRecognizer",
    "CHINESE_RECOGNIZERS",
    "chinese_recognizers",
    "CompanySuffixRecognizer",
    "DelimitedRowRecognizer",
    "IbanContextRecognizer",
    "InternationalPhoneRecognizer",
    "LabelledIdRecognizer",
    "LocationCueRecognizer",
    "LowerCaseChatNameRecognizer",
    "MedicalRecordNumberRecognizer",
    "MentionRecognizer",
    "NameLexiconRecognizer",
    "NrpLexiconRecognizer",
    "OfflineEmailRecognizer",
    "OFFLINE_TLD_EXTRACTOR",
    "PaymentCardContextRecognizer",
    "PersonContextRecognizer",
    "PersonSlotRecognizer",
    "RegexPattern",
    "RegexRecognizer",
    "StreetAddressRecognizer",
    "UkNinoRecognizer",
    "UnknownNameRecognizer",
    "UpperCaseNameRecognizer",
    "UsDriverLicenseContextRecognizer",
    "UsPassportContextRecognizer",
    "UsSsnContextRecognizer",
    "VinRecognizer",
    "WindowedPhoneRecognizer",
    "WrittenDateRecognizer",
    "ZipCodeRecognizer",
    "EXTRA_RECOGNIZERS",
    "extra_recognizers",
]

#: every recognizer this package adds to Presidio's predefined set
EXTRA_RECOGNIZERS: tuple[type[RegexRecognizer], ...] = (
    StreetAddressRecognizer,
    InternationalPhoneRecognizer,
    WrittenDateRecognizer,
    MedicalRecordNumberRecognizer,
    AgeRecognizer,
    ZipCodeRecognizer,
    UsPassportContextRecognizer,
    UsDriverLicenseContextRecognizer,
    UsSsnContextRecognizer,
    PersonContextRecognizer,
    NameLexiconRecognizer,
    MentionRecognizer,
    CompanySuffixRecognizer,
    UkNinoRecognizer,
    PaymentCardContextRecognizer,
    IbanContextRecognizer,
    LocationCueRecognizer,
    LabelledIdRecognizer,
    UnknownNameRecognizer,
    UpperCaseNameRecognizer,
    PersonSlotRecognizer,
    NrpLexiconRecognizer,
    LowerCaseChatNameRecognizer,
    VinRecognizer,
)


def extra_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of :data:`EXTRA_RECOGNIZERS` plus the offline e-mail recognizer."""
    return [OfflineEmailRecognizer(), DelimitedRowRecognizer(), *(cls() for cls in EXTRA_RECOGNIZERS)]


#: the Chinese pipeline (``language="zh"``): ours, plus Presidio's script-independent patterns
CHINESE_RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    ChineseResidentIdRecognizer,
    ChineseUsccRecognizer,
    ChineseBankCardRecognizer,
    ChinesePassportRecognizer,
    ChineseVehiclePlateRecognizer,
    ChinesePhoneRecognizer,
    ChineseAddressRecognizer,
    ChineseDateRecognizer,
    ChineseAgeRecognizer,
    ChineseOrganizationRecognizer,
    ChinesePersonRecognizer,
    ChineseStructuredNameRecognizer,
    ChineseLocationRecognizer,
    ChineseRecordIdRecognizer,
    ChineseMedicalRecordRecognizer,
    ChineseLabelledNumberRecognizer,
    ChineseCaseNumberRecognizer,
    ChineseWaybillRecognizer,
    ChineseUnitCodeRecognizer,
    ChineseSerialNumberRecognizer,
    ChineseIpRecognizer,
    ChineseZipRecognizer,
    ChineseNrpRecognizer,
)


def chinese_recognizers() -> list[EntityRecognizer]:
    """Fresh Chinese recognizers plus the language-independent ones (e-mail, URL, IP,
    IBAN, credit card, crypto wallet, MAC, UUID) registered for ``zh``."""
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        CryptoRecognizer,
        IbanRecognizer,
        IpRecognizer,
        MacAddressRecognizer,
        UrlRecognizer,
        UuidRecognizer,
    )

    generic = [cls(supported_language="zh") for cls in (CreditCardRecognizer, CryptoRecognizer, IbanRecognizer,
                                                       IpRecognizer, MacAddressRecognizer, UrlRecognizer,
                                                       UuidRecognizer)]
    return [OfflineEmailRecognizer(supported_language="zh"), DelimitedRowRecognizer(supported_language="zh"),
            *generic, *(cls() for cls in CHINESE_RECOGNIZERS)]
