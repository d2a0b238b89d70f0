"""Incoterms 2020, the parties and the costs each rule puts on them (private)."""

from __future__ import annotations

import enum

from xborder.errors import InvalidTypeError

__all__ = ["Cost", "Incoterm", "Party", "TransportMode"]

INCOTERMS_SOURCE = (
    "https://iccwbo.org/business-solutions/incoterms-rules/incoterms-2020/"
)


class Party(enum.StrEnum):
    """Who bears a cost: the seller (exporter) or the buyer (importer).

    Examples:
        >>> Incoterm.CIF.payer(Cost.INSURANCE) is Party.SELLER
        True
    """

    SELLER = "seller"
    BUYER = "buyer"


class TransportMode(enum.StrEnum):
    """How the goods travel; thresholds and fees depend on it.

    The US harbor maintenance fee applies to ocean cargo only; Canada's
    CAD 40/150 thresholds apply to courier shipments from the US or Mexico.

    Examples:
        >>> TransportMode.COURIER.value
        'courier'
    """

    AIR = "air"
    OCEAN = "ocean"
    ROAD = "road"
    RAIL = "rail"
    POST = "post"
    COURIER = "courier"


class Cost(enum.StrEnum):
    """The costs of moving goods from seller to buyer that Incoterms allocate.

    Examples:
        >>> Incoterm.EXW.payer(Cost.EXPORT_CLEARANCE)
        <Party.BUYER: 'buyer'>
    """

    EXPORT_CLEARANCE = "export clearance"
    MAIN_CARRIAGE = "main carriage"
    INSURANCE = "cargo insurance"
    DESTINATION_DELIVERY = "delivery to the named destination"
    UNLOADING = "unloading at destination"
    IMPORT_CLEARANCE = "import clearance"
    IMPORT_DUTIES_AND_TAXES = "import duties and taxes"


_SELLER_PAYS: dict[Incoterm, frozenset[Cost]] = {}
_C = Cost
_CARRIAGE = frozenset({_C.EXPORT_CLEARANCE, _C.MAIN_CARRIAGE})
_INSURED = _CARRIAGE | {_C.INSURANCE}
_DELIVERED = _INSURED | {_C.DESTINATION_DELIVERY}


class Incoterm(enum.StrEnum):
    """The eleven Incoterms® 2020 rules, and which costs each puts on the buyer.

    The rule decides who pays freight, insurance and import duties, which is
    what a landed cost has to split between seller and buyer. It does not
    decide the customs value: a CIF jurisdiction adds freight and insurance
    to the border whoever paid them.

    Insurance: only CIF (Institute Cargo Clauses C) and CIP (clauses A since
    2020) oblige the seller to insure; under the other rules nobody must, and
    the party at risk in transit usually does, so the table puts the cost on
    that party (the buyer under E-, F- and the other C-rules, the seller
    under D-rules).

    Source: ICC, Incoterms® 2020,
    https://iccwbo.org/business-solutions/incoterms-rules/incoterms-2020/

    Examples:
        >>> Incoterm.FOB.payer(Cost.MAIN_CARRIAGE)
        <Party.BUYER: 'buyer'>
        >>> Incoterm.DDP.payer(Cost.IMPORT_DUTIES_AND_TAXES)
        <Party.SELLER: 'seller'>
        >>> for cost in sorted(Incoterm.CIF.buyer_costs):
        ...     print(cost)
        delivery to the named destination
        import clearance
        import duties and taxes
        unloading at destination
    """

    EXW = "EXW"
    """Ex Works: the buyer collects at the seller's premises and pays everything."""
    FCA = "FCA"
    """Free Carrier: the seller clears export and hands over to the buyer's carrier."""
    FAS = "FAS"
    """Free Alongside Ship (sea): the seller delivers alongside the vessel."""
    FOB = "FOB"
    """Free On Board (sea): the seller loads the goods on the buyer's vessel."""
    CFR = "CFR"
    """Cost and Freight (sea): the seller pays the sea freight to the port."""
    CIF = "CIF"
    """Cost, Insurance and Freight (sea): CFR plus minimum cargo insurance."""
    CPT = "CPT"
    """Carriage Paid To: the seller pays carriage to the named place."""
    CIP = "CIP"
    """Carriage and Insurance Paid To: CPT plus all-risks cargo insurance."""
    DAP = "DAP"
    """Delivered at Place: the seller delivers, ready for unloading, untaxed."""
    DPU = "DPU"
    """Delivered at Place Unloaded (was DAT): DAP and the seller unloads."""
    DDP = "DDP"
    """Delivered Duty Paid: the seller also clears import and pays duties and taxes."""

    @property
    def seller_costs(self) -> frozenset[Cost]:
        """The costs this rule puts on the seller."""
        return _SELLER_PAYS[self]

    @property
    def buyer_costs(self) -> frozenset[Cost]:
        """The costs this rule puts on the buyer."""
        return frozenset(Cost) - self.seller_costs

    def payer(self, cost: Cost) -> Party:
        """Who bears ``cost`` under this rule.

        Raises:
            InvalidTypeError: ``cost`` is not a :class:`Cost` (a string such
                as ``"freight"`` would silently read as the buyer's).

        Examples:
            >>> Incoterm.DDP.payer(Cost.IMPORT_DUTIES_AND_TAXES)
            <Party.SELLER: 'seller'>
        """
        if not isinstance(cost, Cost):
            raise InvalidTypeError(field="cost", value=cost, expected="a Cost")
        return Party.SELLER if cost in self.seller_costs else Party.BUYER

    @property
    def sea_only(self) -> bool:
        """Whether the rule is meant for sea and inland waterway transport only."""
        return self in {Incoterm.FAS, Incoterm.FOB, Incoterm.CFR, Incoterm.CIF}


_SELLER_PAYS.update(
    {
        Incoterm.EXW: frozenset(),
        Incoterm.FCA: frozenset({_C.EXPORT_CLEARANCE}),
        Incoterm.FAS: frozenset({_C.EXPORT_CLEARANCE}),
        Incoterm.FOB: frozenset({_C.EXPORT_CLEARANCE}),
        Incoterm.CFR: _CARRIAGE,
        Incoterm.CIF: _INSURED,
        Incoterm.CPT: _CARRIAGE,
        Incoterm.CIP: _INSURED,
        Incoterm.DAP: _DELIVERED,
        Incoterm.DPU: _DELIVERED | {_C.UNLOADING},
        Incoterm.DDP: _DELIVERED | {_C.IMPORT_CLEARANCE, _C.IMPORT_DUTIES_AND_TAXES},
    }
)
