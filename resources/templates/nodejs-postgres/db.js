'use strict';
// Runs SQL on the app's Heroku Postgres database, the one at DATABASE_URL (the add-on sets it).
// So that the app builds without npm packages it goes through the psql client; a PostgreSQL
// driver such as `pg` in package.json's dependencies would do the same.
const { execFile } = require('child_process');

function sql(statements) {
  return new Promise((resolve, reject) => {
    const url = process.env.DATABASE_URL;
    if (!url) {
      reject(new Error('DATABASE_URL is not set: add the heroku-postgresql add-on.'));
      return;
    }
    execFile('psql', [url, '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', statements],
      { timeout: 10000 }, (error, stdout, stderr) => {
        if (error) reject(new Error((stderr || error.message).trim()));
        else resolve(stdout.trim());
      });
  });
}

module.exports = { sql };
