"""Pages for readers (the public map); the curators' pages are the admin, the data the API."""
