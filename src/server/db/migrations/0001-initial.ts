import type { Kysely, Migration } from 'kysely';
import { typesColonnes, type Dialecte } from '../dialect.js';

/** The first schema: organisations, accounts, conventions, parc, events log, audit, documents. */
export function initial(dialecte: Dialecte): Migration {
  const t = typesColonnes(dialecte);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .createTable('organisation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('identifiant', 'text', (c) => c.notNull())
        .addColumn('nom', 'text', (c) => c.notNull())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('compte')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('nom', 'text', (c) => c.notNull())
        .addColumn('mot_de_passe', 'text', (c) => c.notNull())
        .addColumn('admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('doit_changer', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('membre')
        .addColumn('compte_id', 'text', (c) => c.notNull().references('compte.id'))
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('membre_pk', ['compte_id', 'organisation_id'])
        .execute();
      await s
        .createTable('session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('compte_id', 'text', (c) => c.notNull().references('compte.id'))
        .addColumn('csrf', 'text', (c) => c.notNull())
        .addColumn('expire_le', 'text', (c) => c.notNull())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('jeton')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('compte_id', 'text', (c) => c.notNull().references('compte.id'))
        .addColumn('nom', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .addColumn('revoque_le', 'text')
        .execute();
      await s
        .createTable('convention_version')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('convention_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('departement', 'text', (c) => c.notNull())
        .addColumn('bailleur', 'text', (c) => c.notNull())
        .addColumn('reservataire', 'text', (c) => c.notNull())
        .addColumn('statut', 'text', (c) => c.notNull())
        .addColumn('yaml', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .addColumn('cree_par', 'text', (c) => c.notNull())
        .addColumn('modifie_le', 'text', (c) => c.notNull())
        .addUniqueConstraint('convention_version_unique', ['convention_id', 'version'])
        .execute();
      await s
        .createTable('signature')
        .addColumn('id', t.serial, (c) => c.primaryKey())
        .addColumn('version_id', 'text', (c) => c.notNull().references('convention_version.id'))
        .addColumn('partie', 'text', (c) => c.notNull())
        .addColumn('signataire', 'text', (c) => c.notNull())
        .addColumn('signe_le', 'text', (c) => c.notNull())
        .addColumn('methode', 'text', (c) => c.notNull())
        .addColumn('pdf_sha256', 'text')
        .addColumn('enregistre_le', 'text', (c) => c.notNull())
        .addColumn('enregistre_par', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('logement')
        .addColumn('bailleur', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('departement', 'text', (c) => c.notNull())
        .addColumn('donnees', 'text', (c) => c.notNull())
        .addColumn('import_id', 'text')
        .addPrimaryKeyConstraint('logement_pk', ['bailleur', 'id'])
        .execute();
      await s
        .createTable('evenement')
        .addColumn('seq', t.serial, (c) => c.primaryKey())
        .addColumn('bailleur', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('logement', 'text', (c) => c.notNull())
        .addColumn('donnees', 'text', (c) => c.notNull())
        .addColumn('classement', 'text', (c) => c.notNull())
        .addColumn('enregistre_le', 'text', (c) => c.notNull())
        .addColumn('enregistre_par', 'text', (c) => c.notNull())
        .addColumn('import_id', 'text')
        .addUniqueConstraint('evenement_id_unique', ['bailleur', 'id'])
        .execute();
      await s
        .createIndex('evenement_logement')
        .on('evenement')
        .columns(['bailleur', 'logement'])
        .execute();
      await s
        .createTable('import')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('bailleur', 'text', (c) => c.notNull())
        .addColumn('nature', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('statut', 'text', (c) => c.notNull())
        .addColumn('lignes', 'integer', (c) => c.notNull())
        .addColumn('acceptees', 'integer', (c) => c.notNull())
        .addColumn('rejets', 'text', (c) => c.notNull())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .addColumn('cree_par', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('audit')
        .addColumn('seq', t.serial, (c) => c.primaryKey())
        .addColumn('quand', 'text', (c) => c.notNull())
        .addColumn('qui', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('objet', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('document')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('nature', 'text', (c) => c.notNull())
        .addColumn('nom', 'text', (c) => c.notNull())
        .addColumn('type_mime', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('contenu', t.octets, (c) => c.notNull())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .addColumn('cree_par', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('webhook')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('cree_le', 'text', (c) => c.notNull())
        .addColumn('cree_par', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('limite')
        .addColumn('cle', 'text', (c) => c.primaryKey())
        .addColumn('compte', 'integer', (c) => c.notNull())
        .addColumn('reinitialise_le', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
