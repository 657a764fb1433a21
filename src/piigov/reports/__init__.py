"""Reports for the FG: the classification report and (in destruction) the certificate."""
