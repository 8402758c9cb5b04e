"""The BlackSheep web layer: app factory, authentication handlers, exception handlers and
controllers."""
