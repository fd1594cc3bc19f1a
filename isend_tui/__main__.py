from isend_tui.cli import main

raise SystemExit(main())
