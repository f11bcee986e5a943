from sppterm.cli import main

main()
