"""The printed quarterly report, "Laporan Capaian Rencana Aksi Triwulan N": PDF
(``pdf.render_report_pdf``) and Excel (``xlsx.build_report_workbook``).

Both print the rows of ``common.report_table`` (one per indicator, from
``monitoring.summary.summarize``) with the matrix export's machinery - the shipped fonts, the
restricted fetcher, the measured column widths, the signatory block, the QR code and the
workbook styles of ``plans.exports`` - so the report looks like the plan it reports on.
"""
