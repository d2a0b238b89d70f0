"""The units xborder's registry defines up front, in pint's definition syntax.

pint's full default registry (about 900 definitions) takes most of a second
to build; these are the units sellers write (mass, length, area, volume,
time, temperature), with pint's derived dimensions (``[volume]``,
``[density]``) for ``Quantity.check``, and build in a few hundredths.
Names, symbols and aliases are pint's own (``default_en.txt``), so
quantities print, pickle and serialise as they did. Any other unit pint
knows is copied from pint's defaults the first time it is named (see
``xborder.units``).

Each factor is written as an exact decimal where pint writes a division
whose 28-digit quotient is not exact (pint's ``inch = yard / 36`` is
``2.54 * centimeter`` here, ``month = year / 12`` is ``30.4375 * day``): the
values are the same, and conversions stay exact.

Sources: the international yard and pound (1959: 1 yd = 0.9144 m,
1 lb = 0.45359237 kg); NIST Handbook 44, Appendix C (US customary and
imperial volumes: 1 gal = 231 in³, 1 imperial gal = 4.54609 L).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container, Iterable

__all__ = ["DEFINITIONS", "SHADOWED", "shadowed"]

DEFINITIONS = (
    """
quecto- = 1e-30 = q-
ronto- = 1e-27 = r-
yocto- = 1e-24 = y-
zepto- = 1e-21 = z-
atto- = 1e-18 = a-
femto- = 1e-15 = f-
pico- = 1e-12 = p-
nano- = 1e-9 = n-
micro- = 1e-6 = µ- = μ- = u- = mu- = mc-
milli- = 1e-3 = m-
centi- = 1e-2 = c-
deci- = 1e-1 = d-
deca- = 1e+1 = da- = deka-
hecto- = 1e2 = h-
kilo- = 1e3 = k-
mega- = 1e6 = M-
giga- = 1e9 = G-
tera- = 1e12 = T-
peta- = 1e15 = P-
exa- = 1e18 = E-
zetta- = 1e21 = Z-
yotta- = 1e24 = Y-
ronna- = 1e27 = R-
quetta- = 1e30 = Q-

meter = [length] = m = metre
second = [time] = s = sec
ampere = [current] = A = amp
candela = [luminosity] = cd = candle
gram = [mass] = g
mole = [substance] = mol
kelvin = [temperature]; offset: 0 = K = degK = °K = degree_Kelvin = degreeK
radian = [] = rad
bit = []
count = []

percent = 0.01 = %
permille = 0.001 = ‰
ppm = 1e-6

angstrom = 1e-10 * meter = Å = ångström = Å
micron = micrometer = µ = μ
thou = 1e-3 * inch = th = mil_length
inch = 2.54 * centimeter = in = international_inch = inches = international_inches
hand = 4 * inch
foot = 12 * inch = ft = international_foot = feet = international_feet
yard = 0.9144 * meter = yd = international_yard
mile = 1760 * yard = mi = international_mile
nautical_mile = 1852 * meter = nmi

are = 100 * meter ** 2
hectare = 100 * are = ha
square_inch = inch ** 2 = sq_in = square_inches
square_foot = foot ** 2 = sq_ft = square_feet
square_yard = yard ** 2 = sq_yd
square_mile = mile ** 2 = sq_mi

liter = decimeter ** 3 = l = L = ℓ = litre
cubic_centimeter = centimeter ** 3 = cc
stere = meter ** 3
cubic_inch = in ** 3 = cu_in
cubic_foot = ft ** 3 = cu_ft = cubic_feet
cubic_yard = yd ** 3 = cu_yd
gallon = 231 * cubic_inch = gal = liquid_gallon = US_liquid_gallon
quart = 0.25 * gallon = qt = liquid_quart = US_liquid_quart
pint = 0.5 * quart = pt = liquid_pint = US_pint
cup = 0.5 * pint = cp = liquid_cup = US_liquid_cup
fluid_ounce = 0.0625 * pint = floz = US_fluid_ounce = US_liquid_ounce
barrel = 31.5 * gallon = bbl
oil_barrel = 42 * gallon = oil_bbl
imperial_gallon = 4.54609 * liter = imperial_gal = UK_gallon
imperial_quart = 0.25 * imperial_gallon = imperial_qt = UK_quart
imperial_pint = 0.125 * imperial_gallon = imperial_pt = UK_pint
imperial_fluid_ounce = 0.05 * imperial_pint = imperial_floz = UK_fluid_ounce

metric_ton = 1e3 * kilogram = t = tonne
grain = 64.79891 * milligram = gr
carat = 200 * milligram = ct
pound = 7e3 * grain = lb = avoirdupois_pound = avdp_pound
ounce = 0.0625 * pound = oz = avoirdupois_ounce = avdp_ounce
dram = 0.00390625 * pound = dr = avoirdupois_dram = avdp_dram
stone = 14 * pound
hundredweight = 100 * pound = cwt = short_hundredweight
long_hundredweight = 112 * pound
ton = 2e3 * pound = _ = short_ton
long_ton = 2240 * pound
pennyweight = 24 * grain = dwt
troy_ounce = 480 * grain = toz = ozt
troy_pound = 12 * troy_ounce = tlb = lbt

minute = 60 * second = min
hour = 60 * minute = h = hr
day = 24 * hour = d
week = 7 * day
fortnight = 2 * week
year = 365.25 * day = a = yr = julian_year
month = 30.4375 * day
century = 100 * year = _ = centuries
millennium = 1e3 * year = _ = millennia

degree_Celsius = kelvin; offset: 273.15 = °C = celsius = degC = degreeC
"""
    "degree_Fahrenheit = 5 / 9 * kelvin; offset: 233.15 + 200 / 9"
    " = °F = fahrenheit = degF = degreeF"
    """

[area] = [length] ** 2
[volume] = [length] ** 3
[frequency] = 1 / [time]
[wavenumber] = 1 / [length]
[velocity] = [length] / [time]
[speed] = [velocity]
[volumetric_flow_rate] = [volume] / [time]
[acceleration] = [velocity] / [time]
[force] = [mass] * [acceleration]
[energy] = [force] * [length]
[power] = [energy] / [time]
[momentum] = [length] * [mass] / [time]
[density] = [mass] / [volume]
[pressure] = [force] / [area]
[torque] = [force] * [length]
[viscosity] = [pressure] * [time]
[kinematic_viscosity] = [area] / [time]
[fluidity] = 1 / [viscosity]
[concentration] = [substance] / [volume]
[activity] = [substance] / [time]
[entropy] = [energy] / [temperature]
[molar_entropy] = [entropy] / [substance]
[heat_transmission] = [energy] / [area]
[luminance] = [luminosity] / [area]
[luminous_flux] = [luminosity]
[illuminance] = [luminous_flux] / [area]
[intensity] = [power] / [area]
[charge] = [current] * [time]
[electric_potential] = [energy] / [charge]
[electric_field] = [electric_potential] / [length]
[electric_field_gradient] = [energy] / [area] / [charge]
[electric_displacement_field] = [charge] / [area]
[reduced_electric_field] = [electric_field] * [area]
[resistance] = [electric_potential] / [current]
[resistivity] = [resistance] * [length]
[conductance] = [current] / [electric_potential]
[conductivity] = [conductance]/[length]
[capacitance] = [charge] / [electric_potential]
[magnetic_flux] = [electric_potential] * [time]
[inductance] = [magnetic_flux] / [current]
[magnetic_field] = [magnetic_flux] / [area]
[magnetomotive_force] = [current]
[magnetic_field_strength] = [current] / [length]
[electric_dipole] = [charge] * [length]
[electric_quadrupole] = [charge] * [area]
[magnetic_dipole] = [current] * [area]
[refractive_index] = []
[absorbance] = []
[membrane_flux] = [volume] / [area] / [time]
[membrane_permeability] = [membrane_flux] / [pressure]

@system mks
    meter
    kilogram
    second
@end
"""
)
"""pint definitions, one a line; ``xborder.units`` loads them into its registry."""

SHADOWED = frozenset(
    {"Eh", "Pa", "Rd", "Ta", "Td", "Tt", "at", "c", "cps", "dgal", "dqt", "fm"}
    | {"kt", "mps", "rads", "rd"}
)
"""Names of pint's units that, left out here, a prefixed unit of ours would shadow.

pint reads ``kt`` as a knot, not a kilo-tonne, because its defaults define
``kt`` itself and it tries the whole name before a prefix. Without knots,
our registry would read a kilo-tonne. A name that could be one of these is
copied from pint's defaults before it is resolved. ``tests/test_units.py``
checks the list against the installed pint.
"""


def shadowed(
    name: str,
    prefixes: Iterable[str],
    suffixes: Iterable[str],
    defined: Container[str],
) -> bool:
    """Whether pint's defaults would read ``name`` as a :data:`SHADOWED` unit.

    Walks the (suffix, prefix) splits in pint's own order and stops at the
    first unit either registry would find: a unit defined here (no
    shadowing) or a shadowed name.

    Examples:
        >>> shadowed("kt", ["", "k"], ["", "s"], {"t", "metric_ton"})
        True
        >>> shadowed("kg", ["", "k"], ["", "s"], {"g", "gram"})
        False
    """
    for suffix in suffixes:
        if not name.endswith(suffix):
            continue
        for prefix in prefixes:
            if not name.startswith(prefix):
                continue
            stem = name[len(prefix) : len(name) - len(suffix)]
            if suffix and len(stem) == 1:
                continue  # as pint: "ms" is not an "m" plural
            if stem in defined:
                return False
            if stem in SHADOWED:
                return True
    return False
