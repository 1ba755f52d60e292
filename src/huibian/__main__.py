from huibian.cli import main

raise SystemExit(main())
