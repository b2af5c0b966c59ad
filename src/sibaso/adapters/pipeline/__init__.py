"""The read pipeline and its report: a file to records (``read``; DTSEN files in
``read_dtsen``), the optional polars bulk path (``bulk``), the read report (``read_report``)
and its ``.xlsx`` form (``read_report_xlsx``)."""
