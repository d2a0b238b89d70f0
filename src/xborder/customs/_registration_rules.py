"""Seller-side VAT registration rules: dated, sourced (private; see registration)."""

from __future__ import annotations

import attrs

from xborder._validate import named_errors, text
from xborder.dated import Validity
from xborder.errors import InvalidTypeError
from xborder.money import Money

__all__ = ["EU_MEMBER_STATES", "RULES", "RegistrationRule"]

#: The 27 EU member states (ISO 3166-1 codes) since 2020-02-01.
EU_MEMBER_STATES: frozenset[str] = frozenset(
    (
        *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR"),
        *("HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO"),
        *("SE", "SI", "SK"),
    )
)
_GB = "GB"


def _rule_id(value: str) -> str:
    return text(value)


def _optional_money(value: Money | None) -> Money | None:
    if value is not None and not isinstance(value, Money):
        raise InvalidTypeError(value=value, expected="a Money or None")
    return value


def _validity(value: Validity) -> Validity:
    if not isinstance(value, Validity):
        raise InvalidTypeError(value=value, expected="a Validity")
    return value


@attrs.frozen(kw_only=True, field_transformer=named_errors)
class RegistrationRule:
    """One dated, sourced registration rule.

    Args:
        id: A short stable name, e.g. ``"EU-OSS-THRESHOLD"``.
        area: ``"EU"`` or ``"GB"``.
        summary: The rule in one sentence.
        limit: The threshold or consignment limit, if the rule has one.
        validity: When it applies and where it was read.

    Examples:
        >>> from xborder.customs.registration import RULES
        >>> RULES["GB-OVERSEAS-SELLER"].limit is None
        True
        >>> str(RULES["EU-OSS-THRESHOLD"].limit)
        '10000.00 EUR'
    """

    id: str = attrs.field(converter=_rule_id)
    area: str = attrs.field(converter=text)
    summary: str = attrs.field(converter=text)
    limit: Money | None = attrs.field(converter=_optional_money)
    validity: Validity = attrs.field(converter=_validity)


_EU_LAW = "https://eur-lex.europa.eu/eli/dir/2006/112/oj"
_RETRIEVED = "retrieved 2026-12-07"
_ART_14A = "https://datenbank.nwb.de/Dokument/452295_14a"


def _eu(start: str, source: str, note: str) -> Validity:
    return Validity(valid_from=start, valid_to=None, source=source, note=note)


#: The rules this module applies, by id.
RULES: dict[str, RegistrationRule] = {
    rule.id: rule
    for rule in (
        RegistrationRule(
            id="EU-OSS-THRESHOLD",
            area="EU",
            summary=(
                "intra-EU distance sales of a seller established in one member "
                "state are taxed where the customer is once their total passes "
                "EUR 10,000 in the current or previous calendar year"
            ),
            limit=Money("10000.00", "EUR"),
            validity=_eu(
                "2021-07-01",
                _EU_LAW,
                "Directive 2006/112/EC Art. 59c(1)(c) and (2); text read at "
                f"https://datenbank.nwb.de/Dokument/452295_Article59c, {_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="EU-DISTANCE-NO-THRESHOLD",
            area="EU",
            summary=(
                "distance sales by a seller not established in exactly one member "
                "state, or dispatched from another member state, have no threshold"
            ),
            limit=None,
            validity=_eu(
                "2021-07-01",
                "https://sede.agenciatributaria.gob.es/Sede/en_gb/ayuda/manuales-"
                "videos-folletos/manuales-practicos/manual-iva-2023/capitulo-01-"
                "novedades-destacar-2023/ventas-distancia-intracomunitarias.html",
                "AEAT: the supplier must be established in only one member state "
                "and the goods sent only from it; Directive 2006/112/EC Art. "
                f"59c(1)(a); {_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="EU-STOCK",
            area="EU",
            summary="goods held in a member state are sold there as domestic supplies",
            limit=None,
            validity=_eu(
                "2021-07-01",
                "https://hellotax.com/blog/distance-selling-in-europe",
                "secondary source (storing goods in a country triggers registration); "
                f"Art. 17 transfers of own goods; {_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="EU-MARKETPLACE-IMPORTS",
            area="EU",
            summary=(
                "a marketplace facilitating distance sales of goods imported in "
                "consignments of at most EUR 150 is the deemed supplier"
            ),
            limit=Money("150.00", "EUR"),
            validity=_eu(
                "2021-07-01",
                _EU_LAW,
                f"Art. 14a(1); text read at {_ART_14A}, {_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="EU-MARKETPLACE-NON-EU-SELLER",
            area="EU",
            summary=(
                "a marketplace facilitating a non-EU seller's supply of goods within "
                "the EU to a consumer is the deemed supplier"
            ),
            limit=None,
            validity=_eu(
                "2021-07-01",
                _EU_LAW,
                f"Art. 14a(2); text read at {_ART_14A}, {_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="GB-OVERSEAS-SELLER",
            area="GB",
            summary=(
                "an overseas seller making taxable supplies in the UK registers "
                "from the first: there is no registration threshold"
            ),
            limit=None,
            validity=_eu(
                "2021-01-01",
                "https://www.gov.uk/guidance/vat-overseas-businesses-using-an-online-"
                "marketplace-to-sell-goods-in-the-uk",
                "'There is no registration threshold in this situation' (HMRC); "
                f"{_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="GB-LOW-VALUE-DIRECT",
            area="GB",
            summary=(
                "consignments of at most GBP 135 sent from abroad to UK consumers "
                "are UK supplies: the seller charges UK VAT and registers"
            ),
            limit=Money("135.00", "GBP"),
            validity=_eu(
                "2021-01-01",
                "https://www.gov.uk/hmrc-internal-manuals/vat-registration-manual/"
                "vatreg37210",
                f"VATA 1994 s.7; HMRC VATREG37210, {_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="GB-STOCK",
            area="GB",
            summary=(
                "goods held in the UK by an overseas seller are imported there and "
                "sold there as UK supplies, with no threshold"
            ),
            limit=None,
            validity=_eu(
                "2021-01-01",
                "https://www.gov.uk/guidance/vat-overseas-businesses-using-an-online-"
                "marketplace-to-sell-goods-in-the-uk",
                f"HMRC: overseas sellers of goods stored in the UK; {_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="GB-MARKETPLACE-LOW-VALUE",
            area="GB",
            summary=(
                "a marketplace selling consignments of at most GBP 135 from abroad "
                "to UK consumers is the deemed supplier"
            ),
            limit=Money("135.00", "GBP"),
            validity=_eu(
                "2021-01-01",
                "https://www.gov.uk/hmrc-internal-manuals/vat-registration-manual/"
                "vatreg37210",
                f"VATA 1994 s.5A; HMRC VATREG37210, {_RETRIEVED}",
            ),
        ),
        RegistrationRule(
            id="GB-MARKETPLACE-OVERSEAS-SELLER",
            area="GB",
            summary=(
                "a marketplace selling an overseas seller's goods located in the UK "
                "is liable for the VAT, whatever their value"
            ),
            limit=None,
            validity=_eu(
                "2021-01-01",
                "https://www.gov.uk/guidance/check-where-an-online-marketplace-seller-"
                "is-established",
                f"VATA 1994 s.5A; HMRC, {_RETRIEVED}",
            ),
        ),
    )
}
