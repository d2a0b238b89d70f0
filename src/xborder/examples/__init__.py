"""The primer's two worked cases as embedded, illustrative data.

* :mod:`xborder.examples.case_a`: a Shenzhen seller of phone holders on a
  global marketplace (landed cost to the US, the UK and Germany, logistics
  options, prices, advertising, replenishment, KPIs).
* :mod:`xborder.examples.case_b`: an eco home-goods brand selling from its
  own site to Europe and North America (payment and FX fees, DDP versus DAP,
  a local logistics partner, customers).

Every number here is made up to have the shape of real data, and labelled
as such: rates, tariffs, fees and reports are *illustrative*, not market
data. The tutorials and ``python -m xborder`` compute from these same
inputs, so their figures agree.
"""

__all__: list[str] = []
