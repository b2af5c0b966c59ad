"""Cells → record: one raw cell to a typed value or a problem (``cells``), one row to a
Person, HouseholdMember or ProgrammeEnrolment (``convert``)."""
