"""What a user runs: the command line, the live preview and the content scaffold."""
