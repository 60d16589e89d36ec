"""The RPD (Halaman III DIPA) of a plan printed: PDF (``pdf.render_rpd_pdf``) and Excel
(``xlsx.rpd_workbook_bytes``), in the house style of the plan's matrix exports."""
