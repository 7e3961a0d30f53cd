import { buildDataSourceOptions, databaseSocketPath } from './database-options';

const settings = (url: string) => ({ url, poolSize: 5, logQueries: false });

describe('database options', () => {
  it('connects through the Unix socket a URL names, keeping its credentials and database', () => {
    const url = 'mariadb://jipp:jipp@127.0.0.1:3306/jipp?socketPath=/run/mysqld/mysqld.sock';
    expect(databaseSocketPath(url)).toBe('/run/mysqld/mysqld.sock');
    expect(buildDataSourceOptions(settings(url))).toMatchObject({
      type: 'mariadb',
      url,
      socketPath: '/run/mysqld/mysqld.sock',
    });
  });

  it('uses TCP when the URL names no socket', () => {
    const url = 'mysql://jipp:jipp@db:3306/jipp';
    expect(databaseSocketPath(url)).toBeUndefined();
    const options = buildDataSourceOptions(settings(url));
    expect(options.type).toBe('mysql');
    expect(options).not.toHaveProperty('socketPath');
  });
});
