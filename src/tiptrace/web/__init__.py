"""The web app and JSON API (`tiptrace serve`)."""
