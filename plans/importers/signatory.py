"""Read the signatory block below a matrix: the place and date, ``Mengetahui,``, the title
lines, the room left to sign, the name and ``NIP. ...``, in the plan's ``signatory_*`` fields.

Offices leave parts out (the date to be written by hand, no ``Mengetahui,``), so every part is
optional; the row reader asks ``is_signatory_row`` where the table ends.
"""

from plans.importers.grid import cell_text
from plans.importers.terms import ACKNOWLEDGE, NIP, date_line


def is_signatory_row(grid, row, hierarchy_columns):
    """A row of the block: nothing in the tree's columns and a place/date, acknowledgement or
    NIP line somewhere (a kegiatan's text may well mention a date)."""
    if any(grid.text(row, col) for col in hierarchy_columns):
        return False
    for col in grid.columns_with_values(row):
        text = grid.text(row, col)
        if text and (ACKNOWLEDGE.match(text) or date_line(text) or NIP.match(text)):
            return True
    return False


def read_signatory(grid, start):
    """The ``signatory_*`` fields from ``Mengetahui,``, title lines, (gap), name, ``NIP. ...``
    and an optional "Place, date" line at or below row ``start``; missing parts stay empty.
    None when there is neither an acknowledgement nor a place/date line."""
    cells = [
        (row, col, grid.value(row, col))
        for row in grid.rows_with_values(start)
        # A name cell of spaces (left blank to be filled by hand) still marks the name line.
        for col in grid.columns_with_values(row)
        if grid.owner(row, col) == (row, col)
    ]
    acknowledge = next((cell for cell in cells if ACKNOWLEDGE.match(cell_text(cell[2]))), None)
    fields = {
        "signatory_place": "",
        "signatory_date": None,
        "signatory_acknowledge": "",
        "signatory_nip": "",
    }
    place_date = [cell for cell in cells if date_line(cell_text(cell[2]))]
    if place_date:
        place, date = date_line(cell_text(place_date[0][2]))
        fields["signatory_place"] = place
        fields["signatory_date"] = date
    if acknowledge is None and not place_date:
        return None
    # The block's lines stand in one column, under "Mengetahui," or else under the date line.
    anchor = acknowledge or place_date[0]
    if acknowledge:
        fields["signatory_acknowledge"] = cell_text(acknowledge[2])
    texts = [
        (row, cell_text(value))
        for row, col, value in cells
        if col == anchor[1] and row > anchor[0] and not date_line(cell_text(value))
    ]
    nip = next((text for _row, text in texts if NIP.match(text)), None)
    if nip is not None:
        fields["signatory_nip"] = NIP.match(nip)["nip"].strip()
    lines = [(row, text) for row, text in texts if not NIP.match(text)]
    gaps = [i for i in range(1, len(lines)) if lines[i][0] - lines[i - 1][0] > 1]
    # The name follows the room left to sign; without it, the line just above the NIP.
    split = gaps[-1] if gaps else (len(lines) - 1 if nip is not None else len(lines))
    fields["signatory_title"] = "\n".join(text for _row, text in lines[:split])
    fields["signatory_name"] = " ".join(text for _row, text in lines[split:])
    return fields
