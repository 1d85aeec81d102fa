'use strict';
// The release phase (Procfile `release:`): brings the database's schema up to date before the
// new release's dynos start, once per deploy.
const { sql } = require('./db');

sql('CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());')
  .then(() => console.log('migrated: table visits is ready'))
  .catch((error) => {
    console.error(`migration failed: ${error.message}`);
    process.exit(1);
  });
