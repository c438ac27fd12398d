"""diagnostic: a guided socio-professional diagnostic questionnaire engine."""
