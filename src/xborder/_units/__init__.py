"""Private helpers of :mod:`xborder.units`, which alone imports pint."""
