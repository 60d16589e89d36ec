"""Printable matrices of a plan: PDF (``pdf.render_pdf``) and Excel (``xlsx.build_workbook``).

Both read the plan once through ``plans.matrix.build_matrix`` and print its rows and merges as
they are, so the PDF and the spreadsheet of one plan cannot disagree.
"""
