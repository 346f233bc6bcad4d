//! Small builders shared by the migrations.
use sea_orm_migration::prelude::*;

/// A foreign key that deletes the row with its parent.
pub fn fk(from: (&str, &str), to: (&str, &str)) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(Alias::new(from.0), Alias::new(from.1))
        .to(Alias::new(to.0), Alias::new(to.1))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

pub fn table(name: &str) -> TableCreateStatement {
    Table::create().table(Alias::new(name)).to_owned()
}

/// Creates the tables, then the indexes.
pub async fn create_all(
    m: &SchemaManager<'_>,
    tables: Vec<TableCreateStatement>,
    indexes: Vec<IndexCreateStatement>,
) -> Result<(), DbErr> {
    for table in tables {
        m.create_table(table).await?;
    }
    for index in indexes {
        m.create_index(index).await?;
    }
    Ok(())
}

/// Drops the tables, last created first.
pub async fn drop_all(m: &SchemaManager<'_>, names: &[&str]) -> Result<(), DbErr> {
    for name in names.iter().rev() {
        m.drop_table(Table::drop().table(Alias::new(*name)).if_exists().to_owned())
            .await?;
    }
    Ok(())
}

/// A unique index over `cols` of `table`.
pub fn unique(name: &str, table: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create()
        .name(name)
        .table(Alias::new(table))
        .unique()
        .to_owned();
    for col in cols {
        index.col(Alias::new(*col));
    }
    index
}
