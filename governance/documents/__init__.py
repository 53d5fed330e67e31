"""Use cases on a case's documents (vedlegg): attach a file or a link, list, remove."""
