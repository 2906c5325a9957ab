"""Readers: real-world documents in (encodings, line breaks, HTML, Markdown, records),
as edit spans on the raw text plus metadata read from the document itself.

Every function here is pure: it looks at the raw text (or bytes) and returns what to
remove or replace, as `(start, end, replacement, rule)` spans on raw offsets, so that
kslib.normalize's audit buffer applies and logs them and raw stays rebuildable.
"""
